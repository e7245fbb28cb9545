package dev.ffe.steps.http.internal;

import org.HdrHistogram.Histogram;

/**
 * Reads latency histograms recorded in microseconds as milliseconds.
 *
 * <p>Thread-safe: stateless.
 */
public final class Latencies {
  private Latencies() {}

  /** Returns an auto-resizing histogram with three significant digits, values in microseconds. */
  public static Histogram newHistogram() {
    return new Histogram(3);
  }

  /** Returns the value at {@code percentile} in milliseconds, or 0 for an empty histogram. */
  public static double percentileMs(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(percentile) / 1000.0);
  }

  /** Returns the mean in milliseconds, or 0 for an empty histogram. */
  public static double meanMs(Histogram h) {
    return h.getTotalCount() == 0 ? 0 : round(h.getMean() / 1000.0);
  }

  /** Returns the maximum in milliseconds (the highest equivalent value), or 0 when empty. */
  public static double maxMs(Histogram h) {
    return h.getTotalCount() == 0 ? 0 : round(h.highestEquivalentValue(h.getMaxValue()) / 1000.0);
  }

  /** Returns the minimum in milliseconds (the lowest equivalent value), or 0 when empty. */
  public static double minMs(Histogram h) {
    return h.getTotalCount() == 0 ? 0 : round(h.lowestEquivalentValue(h.getMinValue()) / 1000.0);
  }

  /** Rounds to microseconds, expressed in milliseconds. */
  public static double round(double ms) {
    return Math.round(ms * 1000.0) / 1000.0;
  }

  /** Returns the latency in microseconds, at least 1 so that zero-time samples still count. */
  public static long micros(long nanos) {
    return Math.max(1, nanos / 1000);
  }
}
