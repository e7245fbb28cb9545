package dev.ffe.steps.git;

import dev.ffe.core.WorkflowStep;
import dev.ffe.steps.git.internal.Repositories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the annotated release tag (its message is the release notes) on the analyzed commit,
 * optionally after committing the changelog, so {@code git describe} and {@code git tag -n} see it.
 *
 * <p>All or nothing: every check (tag free, HEAD where the analysis left it and on a branch, work
 * tree clean) runs first; the changelog commit and the tag object are then written as unreferenced
 * objects; the branch moves to the commit, the tag ref is created, and if creating the tag ref
 * fails the branch is rolled back, so there is never a changelog commit without its tag nor a tag
 * without its changelog commit. A dry run does the checks and reports what it would do.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReleaseTagger {
  /** The changelog commit message unless configured; {@code {version}} is replaced. */
  public static final String DEFAULT_COMMIT_MESSAGE = "chore(release): {version}";

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseTagger.class);

  private final Path repository;
  private final String changelogFile;
  private final String commitMessage;
  private final boolean allowDirty;
  private final boolean dryRun;

  private ReleaseTagger(Builder b) {
    this.repository = b.repository;
    this.changelogFile = b.changelogFile;
    this.commitMessage = b.commitMessage;
    this.allowDirty = b.allowDirty;
    this.dryRun = b.dryRun;
  }

  /** Returns a builder for tagging releases in the repository at (or above) {@code repository}. */
  public static Builder builder(Path repository) {
    return new Builder(repository);
  }

  /**
   * Tags the release of {@code analysis} with {@code notes} as the tag message, by {@code who};
   * does nothing when no release is due.
   *
   * @throws GitReleaseException if the tag exists, HEAD moved or is detached (when committing the
   *     changelog), the work tree is dirty (unless allowed), or git refuses an update
   */
  public TagResult tag(ReleaseAnalysis analysis, String notes, PersonIdent who) {
    Objects.requireNonNull(analysis, "analysis == null");
    Objects.requireNonNull(notes, "notes == null");
    Objects.requireNonNull(who, "who == null");
    if (!analysis.isRelease()) {
      return new TagResult(
          false, "", "", "", "", dryRun, List.of("no release is due: nothing to tag"));
    }
    try (Repository repo = Repositories.open(repository)) {
      return tag(repo, analysis, notes, who);
    } catch (IOException e) {
      throw new GitReleaseException(
          repository, "cannot tag the release in " + repository + ": " + e, e);
    }
  }

  /**
   * Tags as {@link #tag(ReleaseAnalysis, String, PersonIdent)} with the repository's configured
   * {@code user.name}/{@code user.email} at {@code when}, and notes rendered from the analysis.
   */
  public TagResult tag(ReleaseAnalysis analysis, Instant when) {
    String notes =
        Changelog.builder(repository)
            .build()
            .render(analysis, LocalDate.ofInstant(when, ZoneOffset.UTC));
    return tag(analysis, notes, identity(when));
  }

  /**
   * Returns a step that tags the release of the analysis published under {@link
   * ReleaseSteps#ANALYSIS}, with the notes published under {@link ReleaseSteps#CHANGELOG} (or
   * rendered from the analysis), dated by the workflow clock; publishes the result under {@link
   * ReleaseSteps#TAG} and returns it.
   */
  public WorkflowStep step(String name) {
    return WorkflowStep.task(
        name,
        ctx -> {
          ReleaseAnalysis analysis = ctx.require(ReleaseSteps.ANALYSIS);
          Instant now = ctx.now();
          String notes =
              ctx.get(ReleaseSteps.CHANGELOG)
                  .map(ChangelogResult::notes)
                  .filter(n -> !n.isEmpty())
                  .orElseGet(
                      () ->
                          Changelog.builder(repository)
                              .build()
                              .render(analysis, LocalDate.ofInstant(now, ZoneOffset.UTC)));
          TagResult result = tag(analysis, notes, identity(now));
          ctx.put(ReleaseSteps.TAG, result);
          return result;
        });
  }

  private PersonIdent identity(Instant when) {
    try (Repository repo = Repositories.open(repository)) {
      UserConfig user = repo.getConfig().get(UserConfig.KEY);
      String name = user.isCommitterNameImplicit() ? "FFE release" : user.getCommitterName();
      String email =
          user.isCommitterEmailImplicit() ? "ffe-release@localhost" : user.getCommitterEmail();
      return new PersonIdent(name, email, when, ZoneOffset.UTC);
    }
  }

  private TagResult tag(Repository repo, ReleaseAnalysis analysis, String notes, PersonIdent who)
      throws IOException {
    Path dir = Repositories.displayDir(repo);
    String tagName = analysis.nextTag().orElseThrow();
    String version = analysis.nextVersion().orElseThrow().toString();
    String tagRef = Constants.R_TAGS + tagName;
    if (!Repository.isValidRefName(tagRef)) {
      throw new GitReleaseException(
          dir, "'" + tagName + "' is not a valid tag name: choose a tag prefix git accepts");
    }
    Ref existing = repo.exactRef(tagRef);
    if (existing != null) {
      throw new GitReleaseException(
          dir,
          "tag "
              + tagName
              + " already exists (at "
              + existing.getObjectId().abbreviate(7).name()
              + "): version "
              + version
              + " was released before; delete the tag if it is stray (git tag -d "
              + tagName
              + ") or analyze again");
    }
    ObjectId analyzed = ObjectId.fromString(analysis.head());
    List<String> actions = new ArrayList<>();
    String branch = null;
    String relativeChangelog = null;
    if (changelogFile != null) {
      if (repo.isBare()) {
        throw new GitReleaseException(
            dir, "cannot commit the changelog in the bare repository " + dir + ": use a clone");
      }
      Ref head = repo.exactRef(Constants.HEAD);
      if (head == null || !head.isSymbolic()) {
        throw new GitReleaseException(
            dir,
            "HEAD is detached"
                + (head == null || head.getObjectId() == null
                    ? ""
                    : " at " + head.getObjectId().abbreviate(7).name())
                + ": committing the changelog needs a branch; check out the release branch, or"
                + " tag without committing the changelog");
      }
      branch = head.getTarget().getName();
      ObjectId headCommit = head.getObjectId();
      if (!analyzed.equals(headCommit)) {
        throw new GitReleaseException(
            dir,
            "HEAD moved since the analysis (analyzed "
                + analyzed.abbreviate(7).name()
                + ", HEAD is now "
                + (headCommit == null ? "unborn" : headCommit.abbreviate(7).name())
                + "): analyze again before tagging");
      }
      Path workTree = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      Path file = workTree.resolve(changelogFile).normalize();
      if (!file.startsWith(workTree) || !Files.isRegularFile(file)) {
        throw new GitReleaseException(
            dir,
            "changelog "
                + file
                + " does not exist in the work tree: run the changelog step first, or tag"
                + " without committing the changelog");
      }
      relativeChangelog = workTree.relativize(file).toString().replace('\\', '/');
    }
    if (!allowDirty && !repo.isBare()) {
      Set<String> dirty = dirtyPaths(repo, relativeChangelog);
      if (!dirty.isEmpty()) {
        throw new GitReleaseException(
            dir,
            "the work tree has uncommitted changes "
                + (dirty.size() > 5 ? List.copyOf(dirty).subList(0, 5) + "…" : dirty)
                + ": the release would not match the tagged commit; commit or stash them, or"
                + " allow a dirty work tree");
      }
    }
    String message = commitMessage.replace("{version}", version).replace("{tag}", tagName);
    if (dryRun) {
      if (branch != null) {
        actions.add(
            "would commit "
                + relativeChangelog
                + " on "
                + Repository.shortenRefName(branch)
                + " as '"
                + message
                + "'");
      }
      actions.add(
          "would create annotated tag "
              + tagName
              + " on "
              + (branch != null ? "that commit" : analyzed.abbreviate(7).name()));
      return new TagResult(
          true, tagName, version, branch != null ? "" : analyzed.name(), "", true, actions);
    }

    ObjectId target = analyzed;
    ObjectId changelogCommit = null;
    ObjectId tagObject;
    try (ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      if (branch != null) {
        RevCommit parent = walk.parseCommit(analyzed);
        byte[] content = Files.readAllBytes(repo.getWorkTree().toPath().resolve(relativeChangelog));
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (ObjectReader reader = repo.newObjectReader()) {
          builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
        }
        builder.finish();
        DirCacheEditor editor = index.editor();
        editor.add(
            new DirCacheEditor.PathEdit(relativeChangelog) {
              @Override
              public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
              }
            });
        editor.finish();
        ObjectId tree = index.writeTree(inserter);
        if (tree.equals(parent.getTree())) {
          // Nothing to commit (e.g. the changelog step ran dry): tag the analyzed commit.
          actions.add(relativeChangelog + " is unchanged: no changelog commit");
        } else {
          CommitBuilder commit = new CommitBuilder();
          commit.setTreeId(tree);
          commit.setParentId(parent);
          commit.setAuthor(who);
          commit.setCommitter(who);
          commit.setMessage(message + "\n");
          changelogCommit = inserter.insert(commit);
          target = changelogCommit;
        }
      }
      TagBuilder tag = new TagBuilder();
      tag.setTag(tagName);
      tag.setObjectId(target, Constants.OBJ_COMMIT);
      tag.setTagger(who);
      tag.setMessage(notes.isBlank() ? "Release " + version + "\n" : notes.strip() + "\n");
      tagObject = inserter.insert(tag);
      inserter.flush();
    }

    if (changelogCommit != null) {
      RefUpdate move = repo.updateRef(branch);
      move.setExpectedOldObjectId(analyzed);
      move.setNewObjectId(changelogCommit);
      move.setRefLogIdent(who);
      move.setRefLogMessage("commit: " + message, false);
      RefUpdate.Result moved = move.update();
      if (moved != RefUpdate.Result.FAST_FORWARD && moved != RefUpdate.Result.NEW) {
        throw new GitReleaseException(
            dir,
            "could not move "
                + Repository.shortenRefName(branch)
                + " to the changelog commit ("
                + moved
                + "): nothing was changed; retry when no other git process holds the branch");
      }
      actions.add(
          "committed "
              + relativeChangelog
              + " on "
              + Repository.shortenRefName(branch)
              + " as "
              + changelogCommit.abbreviate(7).name());
    }
    RefUpdate create = repo.updateRef(tagRef);
    create.setExpectedOldObjectId(ObjectId.zeroId());
    create.setNewObjectId(tagObject);
    create.setRefLogIdent(who);
    create.setRefLogMessage("tag: " + tagName, false);
    RefUpdate.Result created;
    try {
      created = create.update();
    } catch (IOException e) {
      created = RefUpdate.Result.IO_FAILURE;
    }
    if (created != RefUpdate.Result.NEW) {
      String rollback = "";
      if (changelogCommit != null) {
        RefUpdate back = repo.updateRef(branch);
        back.setExpectedOldObjectId(changelogCommit);
        back.setNewObjectId(analyzed);
        back.setForceUpdate(true);
        back.setRefLogIdent(who);
        back.setRefLogMessage("release: roll back, tag " + tagName + " failed", false);
        RefUpdate.Result undone = back.update();
        rollback =
            undone == RefUpdate.Result.FORCED
                ? "; rolled " + Repository.shortenRefName(branch) + " back to " + analyzed.name()
                : "; rolling "
                    + Repository.shortenRefName(branch)
                    + " back failed ("
                    + undone
                    + "): reset it to "
                    + analyzed.name()
                    + " by hand";
      }
      throw new GitReleaseException(
          dir,
          "could not create tag "
              + tagName
              + " ("
              + created
              + ")"
              + rollback
              + "; retry when no other git process holds the tag ref");
    }
    actions.add("created annotated tag " + tagName + " on " + target.abbreviate(7).name());
    if (changelogCommit != null) {
      syncIndex(repo, relativeChangelog, actions);
    }
    LOG.info("released {} in {}: {}", tagName, dir, actions);
    return new TagResult(
        true,
        tagName,
        version,
        target.name(),
        changelogCommit == null ? "" : changelogCommit.name(),
        false,
        actions);
  }

  /** Stages the committed changelog so the index matches the new HEAD (git status stays clean). */
  private static void syncIndex(Repository repo, String path, List<String> actions) {
    try (Git git = new Git(repo)) {
      git.add().addFilepattern(path).call();
    } catch (GitAPIException e) {
      actions.add("could not update the index for " + path + " (" + e.getMessage() + ")");
      LOG.warn("release committed, but the index for {} was not updated", path, e);
    }
  }

  private static Set<String> dirtyPaths(Repository repo, String ignored) {
    try (Git git = new Git(repo)) {
      Status status = git.status().call();
      Set<String> dirty = new TreeSet<>();
      dirty.addAll(status.getAdded());
      dirty.addAll(status.getChanged());
      dirty.addAll(status.getRemoved());
      dirty.addAll(status.getMissing());
      dirty.addAll(status.getModified());
      dirty.addAll(status.getConflicting());
      if (ignored != null) {
        dirty.remove(ignored);
      }
      return dirty;
    } catch (GitAPIException e) {
      throw new GitReleaseException(
          Repositories.displayDir(repo), "cannot read the work tree status: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ReleaseTagger{" + repository + (dryRun ? ", dry run" : "") + "}";
  }

  /** Collects the tagger's settings. Not thread-safe. */
  public static final class Builder {
    private final Path repository;
    private String changelogFile;
    private String commitMessage = DEFAULT_COMMIT_MESSAGE;
    private boolean allowDirty;
    private boolean dryRun;

    private Builder(Path repository) {
      this.repository = Objects.requireNonNull(repository, "repository == null");
    }

    /**
     * Commits {@code file} (relative to the work tree, e.g. {@code CHANGELOG.md}) on the current
     * branch before tagging, and tags that commit.
     */
    public Builder withChangelogCommit(String file) {
      Objects.requireNonNull(file, "file == null");
      if (file.isBlank()) {
        throw new IllegalArgumentException("changelog file is blank: name it, e.g. CHANGELOG.md");
      }
      this.changelogFile = file;
      return this;
    }

    /** Sets the changelog commit message; {@code {version}} and {@code {tag}} are replaced. */
    public Builder withCommitMessage(String commitMessage) {
      Objects.requireNonNull(commitMessage, "commitMessage == null");
      if (commitMessage.isBlank()) {
        throw new IllegalArgumentException("commit message is blank");
      }
      this.commitMessage = commitMessage;
      return this;
    }

    /** Tags even when tracked files have uncommitted changes (default: refuse). */
    public Builder withAllowDirty(boolean allowDirty) {
      this.allowDirty = allowDirty;
      return this;
    }

    /** Checks and reports what would be done, changing nothing, when {@code dryRun} is true. */
    public Builder withDryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Returns the immutable tagger. */
    public ReleaseTagger build() {
      return new ReleaseTagger(this);
    }
  }
}
