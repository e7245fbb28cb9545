package dev.ffe.steps.aws;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * What a restore wrote.
 *
 * <p>Immutable and thread-safe.
 *
 * @param archive the archive that was asked for (the last of the chain)
 * @param archives every archive applied, full first, in order
 * @param directory the directory restored into
 * @param files regular files written
 * @param bytes content bytes written
 * @param deleted paths removed because an incremental recorded them as deleted
 * @param duration seconds the restore took
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RestoreResult(
    String archive,
    List<String> archives,
    String directory,
    long files,
    long bytes,
    long deleted,
    double duration) {

  /** Rejects nulls and copies the list. */
  public RestoreResult {
    Objects.requireNonNull(archive, "archive == null");
    Objects.requireNonNull(directory, "directory == null");
    archives = List.copyOf(archives);
  }
}
