package dev.ffe.steps.git;

import dev.ffe.core.WorkflowStep;
import dev.ffe.steps.git.internal.CommitCollector;
import dev.ffe.steps.git.internal.Repositories;
import dev.ffe.steps.git.internal.TagIndex;
import dev.ffe.steps.git.internal.TagIndex.ReleaseTag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the last release tag, reads the commits since it as Conventional Commits, and computes the
 * next semantic version, as semantic-release's commit analyzer does.
 *
 * <p>The range is from the highest-version release tag ({@code tag-prefix} + SemVer) reachable from
 * the analyzed ref to that ref; tags off its history and tags that are not SemVer are ignored. One
 * streaming revision walk reads the range: each message is parsed and dropped, and the walk stops
 * as soon as it meets the highest release tag of the repository. Merge commits are not analyzed
 * themselves (the commits they bring in are).
 *
 * <p>Immutable and thread-safe: {@link #analyze()} opens the repository for each call.
 */
public final class ReleaseAnalyzer {
  /** The tag prefix used unless configured: {@code v}, as in {@code v1.2.0}. */
  public static final String DEFAULT_TAG_PREFIX = "v";

  /** The version of the first release unless configured: {@code 1.0.0}. */
  public static final SemanticVersion DEFAULT_FIRST_VERSION = SemanticVersion.of(1, 0, 0);

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseAnalyzer.class);

  private final Path repository;
  private final String ref;
  private final String from;
  private final String tagPrefix;
  private final SemanticVersion firstVersion;
  private final ReleaseRules rules;
  private final PreMajorPolicy preMajorPolicy;
  private final ReleaseType forcedType;
  private final String channel;

  private ReleaseAnalyzer(Builder b) {
    this.repository = b.repository;
    this.ref = b.ref;
    this.from = b.from;
    this.tagPrefix = b.tagPrefix;
    this.firstVersion = b.firstVersion;
    this.rules = b.rules;
    this.preMajorPolicy = b.preMajorPolicy;
    this.forcedType = b.forcedType;
    this.channel = b.channel;
  }

  /** Returns a builder for analyzing the repository at (or above) {@code repository}. */
  public static Builder builder(Path repository) {
    return new Builder(repository);
  }

  /**
   * Analyzes {@code HEAD} of {@code repository} with the default settings; the entry point the
   * benchmarks call.
   */
  public static ReleaseAnalysis analyze(Path repository) {
    return builder(repository).build().analyze();
  }

  /** Returns the tag prefix release tags carry. */
  public String tagPrefix() {
    return tagPrefix;
  }

  /**
   * Analyzes the repository.
   *
   * @throws GitReleaseException if the directory is not a repository, it has no commits, or a ref
   *     does not exist
   */
  public ReleaseAnalysis analyze() {
    try (Repository repo = Repositories.open(repository)) {
      return analyze(repo);
    } catch (IOException e) {
      throw new GitReleaseException(
          repository, "cannot read git repository " + repository + ": " + e, e);
    }
  }

  /**
   * Returns a step that analyzes the repository, publishes the result under {@link
   * ReleaseSteps#ANALYSIS} and returns it as the step output.
   */
  public WorkflowStep step(String name) {
    return WorkflowStep.task(
        name,
        ctx -> {
          ReleaseAnalysis analysis = analyze();
          ctx.put(ReleaseSteps.ANALYSIS, analysis);
          return analysis;
        });
  }

  private ReleaseAnalysis analyze(Repository repo) throws IOException {
    Path dir = Repositories.displayDir(repo);
    ObjectId headId = Repositories.resolveCommit(repo, dir, ref);
    List<String> warnings = new ArrayList<>();
    TagIndex tags = TagIndex.read(repo, tagPrefix, Optional.ofNullable(channel));
    tags.ignoredWarning(tagPrefix).ifPresent(warnings::add);

    CommitCollector collector = new CommitCollector(rules);
    ReleaseTag base;
    String range;
    if (from != null) {
      ObjectId fromId = Repositories.resolveCommit(repo, dir, from);
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit fromCommit = walk.parseCommit(fromId);
        walk(walk, walk.parseCommit(headId), fromCommit, null, collector);
        base = tags.at(fromCommit);
      }
      if (base == null) {
        warnings.add(
            "'"
                + from
                + "' carries no release tag named '"
                + tagPrefix
                + "' + a version: the range has no current version, so the next is the first"
                + " release");
      }
      range = from + ".." + ref;
    } else {
      try (RevWalk walk = new RevWalk(repo)) {
        base = walk(walk, walk.parseCommit(headId), null, tags, collector);
      }
      if (base != null && !base.equals(tags.highest().orElseThrow())) {
        // The highest tag is off this history, so the walk went to the root: walk the exact range.
        collector = new CommitCollector(rules);
        try (RevWalk walk = new RevWalk(repo)) {
          walk(walk, walk.parseCommit(headId), walk.parseCommit(base.commit()), null, collector);
        }
      }
      range = base == null ? ref : base.name() + ".." + ref;
      if (base == null && Repositories.isShallow(repo)) {
        warnings.add(
            "shallow clone: no release tag was found within the fetched history, so this is"
                + " treated as the first release; fetch the full history and tags (git fetch"
                + " --unshallow --tags) for an exact result");
      }
    }

    Optional<SemanticVersion> current = Optional.ofNullable(base).map(ReleaseTag::version);
    Optional<SemanticVersion> latestStable =
        current.isPresent() && current.get().isPreRelease()
            ? latestStableBelow(repo, tags, headId, current.get())
            : current;
    ReleaseType commitsCallFor = collector.release();
    Next next = nextVersion(current, latestStable, commitsCallFor, collector, warnings);

    Optional<String> nextTag = next.version.map(v -> tagPrefix + v);
    if (nextTag.isPresent()) {
      Ref existing = repo.exactRef(Constants.R_TAGS + nextTag.get());
      if (existing != null) {
        warnings.add(
            "tag "
                + nextTag.get()
                + " already exists (at "
                + existing.getObjectId().abbreviate(7).name()
                + ") but is not a release on this history: the tag step will refuse to move it;"
                + " delete the stray tag or choose the version with a Release-As footer");
      }
    }
    ReleaseAnalysis analysis =
        new ReleaseAnalysis(
            dir.toString(),
            current,
            Optional.ofNullable(base).map(ReleaseTag::name),
            next.version,
            nextTag,
            next.bump,
            range,
            headId.name(),
            collector.commitCount(),
            collector.mergeCount(),
            collector.commits(),
            warnings);
    LOG.info("release analysis of {}: {}", dir, analysis);
    for (String warning : warnings) {
      LOG.warn("release analysis of {}: {}", dir, warning);
    }
    return analysis;
  }

  /**
   * Walks from {@code head} (excluding {@code exclude} and its history, if given), feeding each
   * commit to {@code collector}; when {@code tags} is given, stops below the repository's highest
   * release tag as soon as the walk meets it, and returns the highest release tag met.
   */
  private static ReleaseTag walk(
      RevWalk walk, RevCommit head, RevCommit exclude, TagIndex tags, CommitCollector collector)
      throws IOException {
    walk.markStart(head);
    if (exclude != null) {
      walk.markUninteresting(exclude);
    }
    ReleaseTag highest = tags == null ? null : tags.highest().orElse(null);
    ReleaseTag best = null;
    for (RevCommit c = walk.next(); c != null; c = walk.next()) {
      if (highest != null) {
        ReleaseTag tag = tags.at(c);
        if (tag != null) {
          if (best == null || tag.version().isAfter(best.version())) {
            best = tag;
          }
          if (tag.equals(highest)) {
            // Everything below the highest release is released: stop walking there.
            walk.markUninteresting(c);
            continue;
          }
        }
      }
      collector.accept(c);
      c.disposeBody();
    }
    return best;
  }

  private static Optional<SemanticVersion> latestStableBelow(
      Repository repo, TagIndex tags, ObjectId headId, SemanticVersion below) throws IOException {
    for (ReleaseTag tag : tags.all()) {
      if (tag.version().isPreRelease() || !below.isAfter(tag.version())) {
        continue;
      }
      try (RevWalk walk = new RevWalk(repo)) {
        if (walk.isMergedInto(walk.parseCommit(tag.commit()), walk.parseCommit(headId))) {
          return Optional.of(tag.version());
        }
      } catch (MissingObjectException | IllegalArgumentException notACommitHere) {
        // A tag whose commit a shallow clone lacks, or that tags a tree: not a release here.
      }
    }
    return Optional.empty();
  }

  private record Next(Optional<SemanticVersion> version, ReleaseType bump) {}

  private Next nextVersion(
      Optional<SemanticVersion> current,
      Optional<SemanticVersion> latestStable,
      ReleaseType commitsCallFor,
      CommitCollector collector,
      List<String> warnings) {
    if (forcedType == null) {
      Optional<SemanticVersion> releaseAs = releaseAs(current, collector, warnings);
      if (releaseAs.isPresent()) {
        return new Next(releaseAs, kindOfChange(current, releaseAs.get()));
      }
    }
    ReleaseType type = forcedType != null ? forcedType : commitsCallFor;
    if (type == ReleaseType.NONE) {
      return new Next(Optional.empty(), ReleaseType.NONE);
    }
    if (current.isEmpty()) {
      SemanticVersion first =
          channel == null || firstVersion.isPreRelease()
              ? firstVersion
              : firstVersion.withPreRelease(channel, 1);
      return new Next(Optional.of(first), type);
    }
    SemanticVersion now = current.get();
    if (channel == null) {
      ReleaseType bump = preMajorPolicy.adjust(now, type);
      return new Next(Optional.of(now.bump(bump)), bump);
    }
    if (!now.isPreRelease()) {
      ReleaseType bump = preMajorPolicy.adjust(now, type);
      return new Next(Optional.of(now.bump(bump).withPreRelease(channel, 1)), bump);
    }
    // As semantic-release: the next pre-release of the current one, unless the commits call for a
    // higher version than it anticipates.
    SemanticVersion increment = now.nextPreRelease();
    SemanticVersion fromStable =
        latestStable
            .map(s -> s.bump(preMajorPolicy.adjust(s, type)))
            .orElse(firstVersion.release())
            .withPreRelease(channel, 1);
    SemanticVersion next = fromStable.isAfter(increment) ? fromStable : increment;
    ReleaseType bump = latestStable.map(s -> preMajorPolicy.adjust(s, type)).orElse(type);
    return new Next(Optional.of(next), bump);
  }

  private Optional<SemanticVersion> releaseAs(
      Optional<SemanticVersion> current, CommitCollector collector, List<String> warnings) {
    Optional<CommitCollector.ReleaseAs> footer = collector.releaseAs();
    if (footer.isEmpty()) {
      return Optional.empty();
    }
    String value = footer.get().value();
    Optional<SemanticVersion> version =
        SemanticVersion.tryParse(
            value.startsWith(tagPrefix) ? value.substring(tagPrefix.length()) : value);
    if (version.isEmpty()) {
      warnings.add(
          "Release-As '"
              + value
              + "' in commit "
              + footer.get().commit()
              + " is not a semantic version: ignored (write e.g. Release-As: 2.0.0)");
      return Optional.empty();
    }
    if (current.isPresent() && !version.get().isAfter(current.get())) {
      warnings.add(
          "Release-As "
              + version.get()
              + " in commit "
              + footer.get().commit()
              + " is not after the current version "
              + current.get()
              + ": ignored");
      return Optional.empty();
    }
    return version;
  }

  private static ReleaseType kindOfChange(Optional<SemanticVersion> current, SemanticVersion next) {
    if (current.isEmpty() || next.major() != current.get().major()) {
      return ReleaseType.MAJOR;
    }
    if (next.minor() != current.get().minor()) {
      return ReleaseType.MINOR;
    }
    return ReleaseType.PATCH;
  }

  @Override
  public String toString() {
    return "ReleaseAnalyzer{" + repository + " " + (from == null ? "" : from + "..") + ref + "}";
  }

  /** Collects the analyzer's settings. Not thread-safe. */
  public static final class Builder {
    private final Path repository;
    private String ref = Constants.HEAD;
    private String from;
    private String tagPrefix = DEFAULT_TAG_PREFIX;
    private SemanticVersion firstVersion = DEFAULT_FIRST_VERSION;
    private ReleaseRules rules = ReleaseRules.angular();
    private PreMajorPolicy preMajorPolicy = PreMajorPolicy.SHIFT_DOWN;
    private ReleaseType forcedType;
    private String channel;

    private Builder(Path repository) {
      this.repository = Objects.requireNonNull(repository, "repository == null");
    }

    /** Sets the ref to analyze and tag (default {@code HEAD}). */
    public Builder withRef(String ref) {
      this.ref = requireText(ref, "ref");
      return this;
    }

    /**
     * Analyzes the explicit range {@code from..to} instead of searching for the last release tag;
     * the current version is the release tag on {@code from}, if it has one.
     */
    public Builder withRange(String from, String to) {
      this.from = requireText(from, "from");
      this.ref = requireText(to, "to");
      return this;
    }

    /**
     * Analyzes the explicit range given as {@code from..to} (or {@code from}, meaning {@code
     * from..HEAD}).
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public Builder withRange(String range) {
      Objects.requireNonNull(range, "range == null");
      int dots = range.indexOf("..");
      if (dots < 0) {
        return withRange(range, Constants.HEAD);
      }
      String to = range.substring(dots + 2);
      if (to.startsWith(".")) {
        throw new IllegalArgumentException(
            "range '" + range + "' uses '...': give from..to (two dots)");
      }
      return withRange(range.substring(0, dots), to.isEmpty() ? Constants.HEAD : to);
    }

    /** Sets the prefix release tags carry before the version (default {@code v}; may be empty). */
    public Builder withTagPrefix(String tagPrefix) {
      Objects.requireNonNull(tagPrefix, "tagPrefix == null");
      if (tagPrefix.contains(" ") || tagPrefix.contains("..")) {
        throw new IllegalArgumentException(
            "tag prefix '" + tagPrefix + "' is not valid in a tag name: drop spaces and '..'");
      }
      this.tagPrefix = tagPrefix;
      return this;
    }

    /** Sets the version of the first release, when no release tag exists (default 1.0.0). */
    public Builder withFirstVersion(SemanticVersion firstVersion) {
      this.firstVersion = Objects.requireNonNull(firstVersion, "firstVersion == null");
      return this;
    }

    /** Sets the rules that say which release each commit calls for (default angular). */
    public Builder withRules(ReleaseRules rules) {
      this.rules = Objects.requireNonNull(rules, "rules == null");
      return this;
    }

    /** Sets how bumps work while the major is 0 (default {@link PreMajorPolicy#SHIFT_DOWN}). */
    public Builder withPreMajorPolicy(PreMajorPolicy preMajorPolicy) {
      this.preMajorPolicy = Objects.requireNonNull(preMajorPolicy, "preMajorPolicy == null");
      return this;
    }

    /**
     * Forces the release type whatever the commits say (the manual release); it wins over a {@code
     * Release-As} footer. The pre-1.0 policy still applies.
     */
    public Builder withForcedType(ReleaseType forcedType) {
      this.forcedType = Objects.requireNonNull(forcedType, "forcedType == null");
      return this;
    }

    /**
     * Releases pre-releases on {@code channel} ({@code beta} gives {@code 1.3.0-beta.1}, then
     * {@code -beta.2}, …); release tags of other channels are ignored.
     */
    public Builder withPreReleaseChannel(String channel) {
      SemanticVersion.requireChannel(channel);
      this.channel = channel;
      return this;
    }

    /** Returns the immutable analyzer. */
    public ReleaseAnalyzer build() {
      return new ReleaseAnalyzer(this);
    }

    private static String requireText(String value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " is blank: give a branch, tag or commit");
      }
      return value.strip();
    }
  }
}
