package dev.ffe.steps.http;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition on one measured metric, written like k6's thresholds: {@code p95<500ms},
 * {@code rps>=100}, {@code error_rate<1%}, {@code errors==0}, {@code mean<=200ms}.
 *
 * <p>Latency metrics ({@code p50 p90 p95 p99 max min mean median}) are compared in milliseconds;
 * the limit may say {@code us}, {@code ms} (the default) or {@code s}. {@code error_rate} is a
 * fraction from 0 to 1, and a limit written with {@code %} is divided by 100. {@code rps}, {@code
 * errors} and {@code requests} are plain numbers. The comparison is exactly the operator written:
 * {@code p95<500ms} fails at 500.0 ms. Percentiles come from HdrHistogram with three significant
 * digits, so a measured percentile may read up to 0.1 % above the exact value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric's name, e.g. {@code p95}
 * @param operator the comparison
 * @param limit the limit in the metric's unit (milliseconds, fraction, count or per second)
 * @param text the threshold as written
 */
public record Threshold(String metric, Operator operator, double limit, String text) {
  /** Latency metrics, in milliseconds. */
  public static final Set<String> LATENCY_METRICS =
      Set.of("p50", "p90", "p95", "p99", "max", "min", "mean", "median");

  /** Every metric a threshold may name. */
  public static final Set<String> ALL_METRICS;

  static {
    Set<String> all = new TreeSet<>(LATENCY_METRICS);
    all.addAll(Set.of("rps", "error_rate", "errors", "requests"));
    ALL_METRICS = Set.copyOf(all);
  }

  private static final Pattern SYNTAX =
      Pattern.compile(
          "\\s*([a-z_0-9]+)\\s*(<=|>=|==|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(us|ms|s|%)?\\s*");

  /** The comparison between the measured value and the limit. */
  public enum Operator {
    /** Measured strictly below the limit. */
    LESS("<"),
    /** Measured at or below the limit. */
    LESS_OR_EQUAL("<="),
    /** Measured strictly above the limit. */
    GREATER(">"),
    /** Measured at or above the limit. */
    GREATER_OR_EQUAL(">="),
    /** Measured equal to the limit. */
    EQUAL("==");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** Returns the operator as written, e.g. {@code <=}. */
    public String symbol() {
      return symbol;
    }

    /** True if {@code measured} satisfies this operator against {@code limit}. */
    public boolean test(double measured, double limit) {
      switch (this) {
        case LESS:
          return measured < limit;
        case LESS_OR_EQUAL:
          return measured <= limit;
        case GREATER:
          return measured > limit;
        case GREATER_OR_EQUAL:
          return measured >= limit;
        default:
          return measured == limit;
      }
    }

    static Operator of(String symbol) {
      for (Operator o : values()) {
        if (o.symbol.equals(symbol)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown operator " + symbol);
    }
  }

  /** Validates the parts. */
  public Threshold {
    Objects.requireNonNull(metric, "metric == null");
    Objects.requireNonNull(operator, "operator == null");
    Objects.requireNonNull(text, "text == null");
    if (!ALL_METRICS.contains(metric)) {
      throw new IllegalArgumentException(
          "threshold '"
              + text
              + "' names the unknown metric '"
              + metric
              + "': use one of "
              + new TreeSet<>(ALL_METRICS));
    }
    if (Double.isNaN(limit) || limit < 0) {
      throw new IllegalArgumentException(
          "threshold '" + text + "' has a negative limit: use zero or more");
    }
  }

  /**
   * Parses a threshold such as {@code p95<500ms}.
   *
   * @throws IllegalArgumentException naming the text when its syntax, metric or unit is wrong
   */
  public static Threshold parse(String text) {
    Objects.requireNonNull(text, "text == null");
    Matcher m = SYNTAX.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "threshold '"
              + text
              + "' is not of the form METRIC OP VALUE: write it like p95<500ms, rps>=100 or error_rate<1%");
    }
    String metric = m.group(1);
    Operator op = Operator.of(m.group(2));
    double value = Double.parseDouble(m.group(3));
    String unit = m.group(4) == null ? "" : m.group(4);
    String written = text.strip();
    if (!ALL_METRICS.contains(metric)) {
      // let the constructor produce the message that lists the metrics
      return new Threshold(metric, op, value, written);
    }
    double limit;
    if (LATENCY_METRICS.contains(metric)) {
      switch (unit) {
        case "us":
          limit = value / 1000.0;
          break;
        case "s":
          limit = value * 1000.0;
          break;
        case "":
        case "ms":
          limit = value;
          break;
        default:
          throw badUnit(written, metric, "us, ms or s");
      }
    } else if (metric.equals("error_rate")) {
      if (unit.equals("%")) {
        limit = value / 100.0;
      } else if (unit.isEmpty()) {
        limit = value;
      } else {
        throw badUnit(written, metric, "% or a fraction such as 0.01");
      }
      if (limit > 1) {
        throw new IllegalArgumentException(
            "threshold '" + written + "': error_rate is a fraction from 0 to 1; write 1% or 0.01");
      }
    } else {
      if (!unit.isEmpty()) {
        throw badUnit(written, metric, "no unit");
      }
      limit = value;
    }
    return new Threshold(metric, op, limit, written);
  }

  private static IllegalArgumentException badUnit(String text, String metric, String accepted) {
    return new IllegalArgumentException(
        "threshold '" + text + "': " + metric + " takes " + accepted);
  }

  /**
   * Checks that every threshold names a metric in {@code supported}.
   *
   * @throws IllegalArgumentException naming the threshold and the supported metrics
   */
  public static void requireSupported(
      Iterable<Threshold> thresholds, Set<String> supported, String where) {
    for (Threshold t : thresholds) {
      if (!supported.contains(t.metric())) {
        throw new IllegalArgumentException(
            where
                + ": threshold '"
                + t.text()
                + "' uses metric '"
                + t.metric()
                + "', which is not measured there; use one of "
                + new TreeSet<>(supported));
      }
    }
  }

  /** Evaluates this threshold against {@code measured}, a pure function. */
  public ThresholdResult evaluate(double measured) {
    boolean passed = operator.test(measured, limit);
    return new ThresholdResult(text, metric, measured, limit, passed, describe(measured, passed));
  }

  /**
   * Evaluates this threshold against a map of metrics.
   *
   * @throws IllegalArgumentException if the map lacks this threshold's metric
   */
  public ThresholdResult evaluate(Map<String, Double> metrics) {
    Double measured = metrics.get(metric);
    if (measured == null) {
      throw new IllegalArgumentException(
          "metric '" + metric + "' was not measured; measured: " + new TreeSet<>(metrics.keySet()));
    }
    return evaluate(measured.doubleValue());
  }

  private String describe(double measured, boolean passed) {
    String unit = LATENCY_METRICS.contains(metric) ? " ms" : metric.equals("rps") ? "/s" : "";
    String value =
        metric.equals("error_rate")
            ? String.format(Locale.ROOT, "%.2f%%", measured * 100)
            : format(measured) + unit;
    String limitText =
        metric.equals("error_rate")
            ? String.format(Locale.ROOT, "%.2f%%", limit * 100)
            : format(limit) + unit;
    return metric
        + " was "
        + value
        + (passed ? ", within " : ", breaking ")
        + operator.symbol()
        + " "
        + limitText;
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%.3f", v);
  }

  @Override
  public String toString() {
    return text;
  }
}
