package dev.ffe.steps.git;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ReleaseAnalyzer} found: the current release, the commits since it, and the next
 * version they call for. Serializes to JSON with the names the CLI prints: {@code current_version},
 * {@code next_version}, {@code bump} ({@code major|minor|patch|none}), {@code commits}, and more.
 *
 * <p>Immutable and thread-safe.
 */
@JsonAutoDetect(
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    fieldVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "current_version",
  "next_version",
  "bump",
  "release",
  "current_tag",
  "next_tag",
  "range",
  "head",
  "commit_count",
  "merge_count",
  "commits",
  "warnings",
  "repository"
})
public final class ReleaseAnalysis {
  private final String repository;
  private final SemanticVersion currentVersion;
  private final String currentTag;
  private final SemanticVersion nextVersion;
  private final String nextTag;
  private final ReleaseType bump;
  private final String range;
  private final String head;
  private final long commitCount;
  private final long mergeCount;
  private final List<AnalyzedCommit> commits;
  private final List<String> warnings;

  /**
   * Creates an analysis; {@code currentVersion}/{@code currentTag} are empty when no release tag
   * was found, {@code nextVersion}/{@code nextTag} when no release is due.
   */
  public ReleaseAnalysis(
      String repository,
      Optional<SemanticVersion> currentVersion,
      Optional<String> currentTag,
      Optional<SemanticVersion> nextVersion,
      Optional<String> nextTag,
      ReleaseType bump,
      String range,
      String head,
      long commitCount,
      long mergeCount,
      List<AnalyzedCommit> commits,
      List<String> warnings) {
    this.repository = Objects.requireNonNull(repository, "repository == null");
    this.currentVersion = currentVersion.orElse(null);
    this.currentTag = currentTag.orElse(null);
    this.nextVersion = nextVersion.orElse(null);
    this.nextTag = nextTag.orElse(null);
    this.bump = Objects.requireNonNull(bump, "bump == null");
    this.range = Objects.requireNonNull(range, "range == null");
    this.head = Objects.requireNonNull(head, "head == null");
    this.commitCount = commitCount;
    this.mergeCount = mergeCount;
    this.commits = List.copyOf(commits);
    this.warnings = List.copyOf(warnings);
    if ((this.nextVersion == null) != (this.nextTag == null)) {
      throw new IllegalArgumentException("nextVersion and nextTag must be given together");
    }
  }

  /** Returns the repository directory analyzed. */
  @JsonProperty("repository")
  public String repository() {
    return repository;
  }

  /** Returns the version of the last release, if a release tag was found. */
  public Optional<SemanticVersion> currentVersion() {
    return Optional.ofNullable(currentVersion);
  }

  /** Returns the tag of the last release, e.g. {@code v1.2.0}, if one was found. */
  public Optional<String> currentTag() {
    return Optional.ofNullable(currentTag);
  }

  /** Returns the version to release next, or empty when no release is due. */
  public Optional<SemanticVersion> nextVersion() {
    return Optional.ofNullable(nextVersion);
  }

  /** Returns the tag the next release gets (prefix + version), or empty when none is due. */
  public Optional<String> nextTag() {
    return Optional.ofNullable(nextTag);
  }

  /** Returns true if a release is due ({@link #nextVersion()} is present). */
  @JsonProperty("release")
  public boolean isRelease() {
    return nextVersion != null;
  }

  /** Returns the bump from the current to the next version; {@code NONE} when none is due. */
  @JsonProperty("bump")
  public ReleaseType bump() {
    return bump;
  }

  /** Returns the analyzed range for people, e.g. {@code v1.2.0..HEAD}. */
  @JsonProperty("range")
  public String range() {
    return range;
  }

  /** Returns the full id of the analyzed (newest) commit: the one a tag would point at. */
  @JsonProperty("head")
  public String head() {
    return head;
  }

  /** Returns how many non-merge commits the range holds. */
  @JsonProperty("commit_count")
  public long commitCount() {
    return commitCount;
  }

  /** Returns how many merge commits the range holds (not analyzed themselves). */
  @JsonProperty("merge_count")
  public long mergeCount() {
    return mergeCount;
  }

  /** Returns the commits the rules read, newest first (non-conventional commits are left out). */
  @JsonProperty("commits")
  public List<AnalyzedCommit> commits() {
    return commits;
  }

  /** Returns what the analysis could only guess at (shallow clone, ignored tags, clashes). */
  @JsonProperty("warnings")
  public List<String> warnings() {
    return warnings;
  }

  @JsonProperty("current_version")
  private String currentVersionJson() {
    return currentVersion == null ? null : currentVersion.toString();
  }

  @JsonProperty("current_tag")
  private String currentTagJson() {
    return currentTag;
  }

  @JsonProperty("next_version")
  private String nextVersionJson() {
    return nextVersion == null ? null : nextVersion.toString();
  }

  @JsonProperty("next_tag")
  private String nextTagJson() {
    return nextTag;
  }

  @Override
  public String toString() {
    return "ReleaseAnalysis{"
        + range
        + ": "
        + (currentVersion == null ? "no release yet" : currentVersion)
        + " -> "
        + (nextVersion == null ? "no release" : nextVersion + " (" + bump.label() + ")")
        + ", "
        + commits.size()
        + " relevant of "
        + commitCount
        + " commits}";
  }
}
