package dev.ffe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a JMH JSON result with a baseline and flags every benchmark slower than the baseline by
 * more than a threshold (20 % by default), printing a table. Exits 1 when something regressed, 2 on
 * bad arguments.
 *
 * <pre>{@code
 * java -cp target/benchmarks.jar dev.ffe.benchmarks.RegressionGuard baseline/quick.json \
 *     results/2026-11-28-quick.json [0.20]
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RegressionGuard {
  /** The slowdown that fails the check unless another is given: 20 %. */
  public static final double DEFAULT_THRESHOLD = 0.20;

  static final String ALLOC_METRIC = "gc.alloc.rate.norm";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RegressionGuard() {}

  /** Runs the check and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the check: {@code baseline.json current.json [threshold]}.
   *
   * @return 0 when nothing regressed, 1 when something did, 2 on bad arguments or unreadable files
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2 || args.length > 3) {
      err.println("usage: RegressionGuard baseline.json current.json [threshold, e.g. 0.20]");
      return 2;
    }
    try {
      double threshold = args.length == 3 ? Double.parseDouble(args[2]) : DEFAULT_THRESHOLD;
      List<Row> rows = compare(read(Path.of(args[0])), read(Path.of(args[1])), threshold);
      out.print(table(rows, threshold));
      long regressions = rows.stream().filter(Row::regressed).count();
      out.println(
          regressions == 0
              ? "OK: no benchmark is more than " + percent(threshold) + " slower than the baseline"
              : "REGRESSION: "
                  + regressions
                  + " benchmark(s) more than "
                  + percent(threshold)
                  + " slower than the baseline");
      return regressions == 0 ? 0 : 1;
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot compare: " + e.getMessage());
      return 2;
    }
  }

  /**
   * Reads a JMH JSON result file.
   *
   * @throws IOException naming the file when it cannot be read or parsed
   * @throws IllegalArgumentException naming the file when it is not a JMH result array
   */
  static JsonNode read(Path file) throws IOException {
    JsonNode node;
    try {
      node = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(
          file + " is not a JMH JSON result (expected an array): run JMH with -rf json");
    }
    return node;
  }

  /**
   * Compares two JMH result arrays benchmark by benchmark (name plus parameters), in the current
   * run's order; benchmarks only in the baseline are listed as missing.
   */
  static List<Row> compare(JsonNode baseline, JsonNode current, double threshold) {
    Objects.requireNonNull(baseline, "baseline == null");
    Objects.requireNonNull(current, "current == null");
    if (!(threshold >= 0)) {
      throw new IllegalArgumentException("threshold is " + threshold + ": use 0.20 for 20 %");
    }
    Map<String, JsonNode> base = index(baseline);
    Map<String, JsonNode> now = index(current);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : now.entrySet()) {
      JsonNode b = base.get(e.getKey());
      rows.add(
          new Row(
              e.getKey(),
              b == null ? Double.NaN : score(b),
              score(e.getValue()),
              unit(e.getValue()),
              higherIsBetter(e.getValue()),
              alloc(e.getValue()),
              threshold));
    }
    for (Map.Entry<String, JsonNode> e : base.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        rows.add(
            new Row(
                e.getKey(),
                score(e.getValue()),
                Double.NaN,
                unit(e.getValue()),
                higherIsBetter(e.getValue()),
                Double.NaN,
                threshold));
      }
    }
    return rows;
  }

  private static Map<String, JsonNode> index(JsonNode results) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (JsonNode r : results) {
      byKey.put(key(r), r);
    }
    return byKey;
  }

  private static String key(JsonNode r) {
    String name = r.path("benchmark").asText();
    if (name.startsWith("dev.ffe.benchmarks.")) {
      name = name.substring("dev.ffe.benchmarks.".length());
    }
    JsonNode params = r.path("params");
    if (!params.isObject() || params.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append('{');
    Iterator<Map.Entry<String, JsonNode>> it = params.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> p = it.next();
      sb.append(p.getKey()).append('=').append(p.getValue().asText());
      if (it.hasNext()) {
        sb.append(',');
      }
    }
    return sb.append('}').toString();
  }

  private static double score(JsonNode r) {
    return r.path("primaryMetric").path("score").asDouble(Double.NaN);
  }

  private static String unit(JsonNode r) {
    return r.path("primaryMetric").path("scoreUnit").asText("?");
  }

  private static boolean higherIsBetter(JsonNode r) {
    return "thrpt".equals(r.path("mode").asText());
  }

  private static double alloc(JsonNode r) {
    Iterator<Map.Entry<String, JsonNode>> it = r.path("secondaryMetrics").properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> m = it.next();
      // JMH names it "·gc.alloc.rate.norm"; match the suffix to stay clear of the middle dot.
      if (m.getKey().endsWith(ALLOC_METRIC)) {
        return m.getValue().path("score").asDouble(Double.NaN);
      }
    }
    return Double.NaN;
  }

  /** Renders the rows as a fixed-width text table. */
  static String table(List<Row> rows, double threshold) {
    int width = "benchmark".length();
    for (Row r : rows) {
      width = Math.max(width, r.benchmark().length());
    }
    String format = "%-" + width + "s  %12s  %12s  %-6s  %8s  %12s  %s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            format,
            "benchmark",
            "baseline",
            "current",
            "unit",
            "change",
            "B/op",
            "status"));
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              format,
              r.benchmark(),
              number(r.baseline()),
              number(r.current()),
              r.unit(),
              Double.isNaN(r.change())
                  ? "-"
                  : String.format(Locale.ROOT, "%+.1f%%", 100 * r.change()),
              number(r.bytesPerOp()),
              r.status()));
    }
    return sb.toString();
  }

  private static String number(double d) {
    return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d);
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
  }

  /**
   * One benchmark's comparison.
   *
   * @param benchmark the benchmark id without the package, with its parameters if any
   * @param baseline the baseline score, NaN when the baseline lacks the benchmark
   * @param current the current score, NaN when the current run lacks it
   * @param unit the score unit, e.g. {@code ns/op}
   * @param higherIsBetter true for throughput modes
   * @param bytesPerOp the current run's allocation per operation, NaN without the GC profiler
   * @param threshold the slowdown that counts as a regression
   */
  record Row(
      String benchmark,
      double baseline,
      double current,
      String unit,
      boolean higherIsBetter,
      double bytesPerOp,
      double threshold) {

    /** Returns the slowdown as a fraction: +0.25 means 25 % slower; NaN if one side is missing. */
    double change() {
      if (Double.isNaN(baseline) || Double.isNaN(current) || baseline <= 0 || current <= 0) {
        return Double.NaN;
      }
      return higherIsBetter ? baseline / current - 1 : current / baseline - 1;
    }

    /** True if the benchmark is slower than the baseline by more than the threshold. */
    boolean regressed() {
      double c = change();
      return !Double.isNaN(c) && c > threshold;
    }

    /** Returns {@code SLOWER}, {@code ok}, {@code new} or {@code missing}. */
    String status() {
      if (Double.isNaN(baseline)) {
        return "new";
      }
      if (Double.isNaN(current)) {
        return "missing";
      }
      return regressed() ? "SLOWER" : "ok";
    }
  }
}
