package dev.ffe.steps.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * What the tag step did (or, in a dry run, would do).
 *
 * <p>Immutable and thread-safe.
 *
 * @param released true if a release was due (otherwise nothing was tagged)
 * @param tag the tag name, e.g. {@code v1.3.0}; empty if no release was due
 * @param version the released version; empty if no release was due
 * @param target the full id of the commit the tag points at; empty if none
 * @param changelogCommit the full id of the changelog commit; empty if none was made
 * @param dryRun true if nothing was changed
 * @param actions what was done (or would be done), one sentence each
 */
public record TagResult(
    @JsonProperty("released") boolean released,
    @JsonProperty("tag") String tag,
    @JsonProperty("version") String version,
    @JsonProperty("target") String target,
    @JsonProperty("changelog_commit") String changelogCommit,
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("actions") List<String> actions) {

  /** Checks that no component is null and copies the actions. */
  public TagResult {
    Objects.requireNonNull(tag, "tag == null");
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(changelogCommit, "changelogCommit == null");
    actions = List.copyOf(actions);
  }
}
