package dev.ffe.steps.aws;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;

/**
 * One complete backup found in a target (its archive and its {@code .sha256} commit marker are both
 * present).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the backup series name
 * @param environment the environment
 * @param type full or incremental
 * @param archive the archive file name
 * @param timestamp the time in the archive's name (ISO-8601, UTC)
 * @param size the archive size in bytes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BackupInfo(
    String name, String environment, BackupType type, String archive, String timestamp, long size) {

  /** Rejects nulls. */
  public BackupInfo {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(environment, "environment == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(archive, "archive == null");
    Objects.requireNonNull(timestamp, "timestamp == null");
  }

  /** Returns {@link #timestamp()} as an instant. */
  @JsonIgnore
  public Instant instant() {
    return Instant.parse(timestamp);
  }
}
