package dev.ffe.steps.aws;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * What a retention cleanup deleted (or, in a dry run, would delete) and what it kept.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the backup series name
 * @param environment the environment
 * @param dryRun true when nothing was deleted
 * @param deleted archives deleted (or that would be), oldest first
 * @param kept archives kept, oldest first
 * @param keptForChain expired archives kept because a kept incremental depends on them
 * @param bytesFreed archive bytes deleted (or that would be)
 * @param duration seconds the cleanup took
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CleanupResult(
    String name,
    String environment,
    boolean dryRun,
    List<String> deleted,
    List<String> kept,
    List<String> keptForChain,
    long bytesFreed,
    double duration) {

  /** Rejects nulls and copies the lists. */
  public CleanupResult {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(environment, "environment == null");
    deleted = List.copyOf(deleted);
    kept = List.copyOf(kept);
    keptForChain = List.copyOf(keptForChain);
  }
}
