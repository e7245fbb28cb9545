package dev.ffe.steps.aws;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of verifying one archive: checksum validation, a streamed test extraction of every
 * entry against the manifest, and manifest consistency.
 *
 * <p>Immutable and thread-safe.
 *
 * @param archive the archive file name
 * @param valid true when no problem was found
 * @param checksumOk true when the archive's SHA-256 matches its {@code .sha256} file
 * @param entries the number of archive entries read
 * @param files the number of regular files whose content was checked
 * @param bytes the content bytes read
 * @param sha256 the SHA-256 computed over the archive
 * @param duration seconds the verification took
 * @param problems each mismatch, naming the file and the archive
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifyResult(
    String archive,
    boolean valid,
    boolean checksumOk,
    long entries,
    long files,
    long bytes,
    String sha256,
    double duration,
    List<String> problems) {

  /** Rejects nulls and copies the list. */
  public VerifyResult {
    Objects.requireNonNull(archive, "archive == null");
    Objects.requireNonNull(sha256, "sha256 == null");
    problems = List.copyOf(problems);
  }
}
