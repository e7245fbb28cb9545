package dev.ffe.steps.http;

/**
 * How serious a check's outcome is, in increasing order. The seed's monitoring grades response
 * times and availability into these three levels.
 *
 * <p>Immutable and thread-safe.
 */
public enum AlertLevel {
  /** Everything is as expected. */
  INFO,
  /** Degraded but working, e.g. a slow response or a certificate that expires soon. */
  WARNING,
  /** Broken: unreachable, wrong status, far too slow, or an expired certificate. */
  CRITICAL;

  /** Returns the more serious of this level and {@code other}. */
  public AlertLevel max(AlertLevel other) {
    return other.compareTo(this) > 0 ? other : this;
  }

  /** True if this level is at least as serious as {@code other}. */
  public boolean atLeast(AlertLevel other) {
    return compareTo(other) >= 0;
  }
}
