package dev.ffe.steps.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Grades a response time into {@link AlertLevel}s: strictly over {@code warningAbove} is a WARNING,
 * strictly over {@code criticalAbove} is CRITICAL, anything else INFO. The seed's defaults are 2 s
 * and 5 s.
 *
 * <p>Immutable and thread-safe.
 *
 * @param warningAbove the response time above which a response is a WARNING
 * @param criticalAbove the response time above which a response is CRITICAL
 */
public record ResponseTimeGrading(Duration warningAbove, Duration criticalAbove) {

  /** Validates the limits: both positive, the warning limit not above the critical one. */
  public ResponseTimeGrading {
    Objects.requireNonNull(warningAbove, "warningAbove == null");
    Objects.requireNonNull(criticalAbove, "criticalAbove == null");
    if (warningAbove.isNegative() || warningAbove.isZero()) {
      throw new IllegalArgumentException(
          "warning limit is " + warningAbove + ": use a positive duration such as 2s");
    }
    if (criticalAbove.compareTo(warningAbove) < 0) {
      throw new IllegalArgumentException(
          "critical limit "
              + criticalAbove
              + " is below the warning limit "
              + warningAbove
              + ": make the critical limit the larger one");
    }
  }

  /** Returns the seed's grading: over 2 s a WARNING, over 5 s CRITICAL. */
  public static ResponseTimeGrading defaults() {
    return new ResponseTimeGrading(Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  /** Returns the level for a response that took {@code latency}. */
  public AlertLevel grade(Duration latency) {
    Objects.requireNonNull(latency, "latency == null");
    if (latency.compareTo(criticalAbove) > 0) {
      return AlertLevel.CRITICAL;
    }
    if (latency.compareTo(warningAbove) > 0) {
      return AlertLevel.WARNING;
    }
    return AlertLevel.INFO;
  }
}
