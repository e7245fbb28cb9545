package dev.ffe.steps.aws;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a test recovery: a restore into a temporary directory, a check of the critical
 * files against the manifest, and the clean-up of that directory.
 *
 * <p>Immutable and thread-safe.
 *
 * @param archive the archive restored (the last of its chain)
 * @param success true when every critical file exists and matches the manifest
 * @param files regular files restored
 * @param bytes content bytes restored
 * @param checked critical files checked
 * @param missing critical files that were not restored
 * @param mismatched critical files whose content differs from the manifest
 * @param duration seconds the test recovery took
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TestRecoveryResult(
    String archive,
    boolean success,
    long files,
    long bytes,
    long checked,
    List<String> missing,
    List<String> mismatched,
    double duration) {

  /** Rejects nulls and copies the lists. */
  public TestRecoveryResult {
    Objects.requireNonNull(archive, "archive == null");
    missing = List.copyOf(missing);
    mismatched = List.copyOf(mismatched);
  }
}
