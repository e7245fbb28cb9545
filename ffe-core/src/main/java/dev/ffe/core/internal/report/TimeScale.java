package dev.ffe.core.internal.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Maps workflow-clock instants to x coordinates and chooses readable axis ticks. */
final class TimeScale {
  /** Tick spacings to choose from, in milliseconds: 1-2-5 below a second, clock units above. */
  private static final long[] STEPS_MS = {
    1,
    2,
    5,
    10,
    20,
    50,
    100,
    200,
    250,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    15_000,
    30_000,
    60_000,
    120_000,
    300_000,
    600_000,
    900_000,
    1_800_000,
    3_600_000,
    7_200_000,
    10_800_000,
    21_600_000,
    43_200_000,
    86_400_000
  };

  private final Instant origin;
  private final long spanNanos;
  private final double left;
  private final double width;

  TimeScale(Instant origin, Instant end, double left, double width) {
    this.origin = origin;
    long span = Duration.between(origin, end).toNanos();
    this.spanNanos = Math.max(span, 1_000_000L);
    this.left = left;
    this.width = width;
  }

  /** Returns the x of an instant. */
  double x(Instant t) {
    return left + width * Duration.between(origin, t).toNanos() / spanNanos;
  }

  /** Returns the spacing between ticks that gives about {@code target} ticks over the span. */
  long tickMillis(int target) {
    double ideal = spanNanos / 1e6 / target;
    for (long step : STEPS_MS) {
      if (step >= ideal) {
        return step;
      }
    }
    return STEPS_MS[STEPS_MS.length - 1] * (long) Math.ceil(ideal / STEPS_MS[STEPS_MS.length - 1]);
  }

  /** Returns the span covered, at least a millisecond. */
  Duration span() {
    return Duration.ofNanos(spanNanos);
  }

  /** Returns the origin. */
  Instant origin() {
    return origin;
  }

  /**
   * Formats a duration compactly for axes and labels: {@code 250ms}, {@code 1.5s}, {@code 2m30s}.
   */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    if (ms < 1_000) {
      return d.toNanos() > 0 && ms == 0 ? "<1ms" : ms + "ms";
    }
    if (ms < 60_000) {
      double s = ms / 1000.0;
      return ms % 1000 == 0
          ? (ms / 1000) + "s"
          : String.format(Locale.ROOT, ms % 100 == 0 ? "%.1fs" : "%.2fs", s);
    }
    long totalSeconds = ms / 1000;
    if (ms < 3_600_000) {
      long m = totalSeconds / 60;
      long s = totalSeconds % 60;
      return s == 0 ? m + "m" : m + "m" + (s < 10 ? "0" : "") + s + "s";
    }
    long h = totalSeconds / 3600;
    long m = (totalSeconds % 3600) / 60;
    return m == 0 ? h + "h" : h + "h" + (m < 10 ? "0" : "") + m + "m";
  }

  /** Formats a coordinate with at most one decimal, as SVG wants it. */
  static String n(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
