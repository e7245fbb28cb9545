package dev.ffe.steps.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * What the changelog step did: the release notes for the new version and whether they were written
 * into the changelog file.
 *
 * <p>Immutable and thread-safe.
 *
 * @param released true if a release was due (otherwise nothing was rendered or written)
 * @param version the version the notes are for; empty if no release was due
 * @param file the changelog file
 * @param notes the Markdown section for the version (also the release notes); empty if none
 * @param written true if the file was changed
 * @param dryRun true if this was a dry run (the file was left alone)
 */
public record ChangelogResult(
    @JsonProperty("released") boolean released,
    @JsonProperty("version") String version,
    @JsonProperty("file") String file,
    @JsonProperty("notes") String notes,
    @JsonProperty("written") boolean written,
    @JsonProperty("dry_run") boolean dryRun) {

  /** Checks that no component is null. */
  public ChangelogResult {
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(notes, "notes == null");
  }
}
