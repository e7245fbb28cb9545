package dev.ffe.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a step: when it ran on the workflow clock, how long the backoff before it was, and
 * how it ended.
 *
 * <p>Immutable and thread-safe.
 *
 * @param number 1 for the first attempt
 * @param startedAt when the attempt started, on the workflow clock
 * @param finishedAt when it ended
 * @param delayBefore the backoff waited before it (zero for the first attempt)
 * @param status how it ended
 * @param error the failure message, or null
 */
public record AttemptResult(
    int number,
    Instant startedAt,
    Instant finishedAt,
    Duration delayBefore,
    StepStatus status,
    String error) {

  /** Checks the fields. */
  public AttemptResult {
    Objects.requireNonNull(startedAt, "startedAt == null");
    Objects.requireNonNull(finishedAt, "finishedAt == null");
    Objects.requireNonNull(delayBefore, "delayBefore == null");
    Objects.requireNonNull(status, "status == null");
  }

  /** Returns how long the attempt ran. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** Returns the failure message, if the attempt failed. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(error);
  }
}
