package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ffe.steps.http.internal.Json;
import dev.ffe.steps.http.internal.LoadTestPage;
import dev.ffe.steps.http.internal.ReportFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link LoadTest}: totals, latency percentiles overall and per task, a per-second
 * time series and the thresholds' verdicts.
 *
 * <p>Immutable and thread-safe. {@link #toJson()} writes it with the snake_case names the command
 * line prints.
 *
 * @param model {@code closed} (users with think time) or {@code open} (constant arrival rate)
 * @param target the base URL
 * @param durationS seconds measured, from the start to the stop
 * @param requests requests completed (with a response or an error)
 * @param rps requests divided by {@code durationS}
 * @param errors failed requests (no response, or a status that is not a success)
 * @param errorRate errors divided by requests
 * @param latencyMs latency percentiles over all tasks; in the open model measured from each
 *     request's intended send time (coordinated omission corrected)
 * @param unfinished requests still in flight or waiting to be sent when the test stopped (not
 *     counted in {@code requests})
 * @param tasks statistics per task, in the order the tasks were given
 * @param timeseries one entry per second
 * @param latencyDistribution latency at percentiles from 0 to 100 over all tasks (empty when no
 *     request answered), the data of the report's percentile curve
 * @param thresholds each threshold's verdict
 * @param passed true when every threshold passed
 * @param cancelled true when the test was cancelled before its duration ended
 */
@JsonPropertyOrder({
  "model",
  "target",
  "duration_s",
  "requests",
  "rps",
  "errors",
  "error_rate",
  "latency_ms",
  "unfinished",
  "passed",
  "cancelled",
  "thresholds",
  "tasks",
  "timeseries",
  "latency_distribution"
})
public record LoadTestReport(
    @JsonProperty("model") String model,
    @JsonProperty("target") String target,
    @JsonProperty("duration_s") double durationS,
    @JsonProperty("requests") long requests,
    @JsonProperty("rps") double rps,
    @JsonProperty("errors") long errors,
    @JsonProperty("error_rate") double errorRate,
    @JsonProperty("latency_ms") LatencyStats latencyMs,
    @JsonProperty("unfinished") long unfinished,
    @JsonProperty("tasks") List<TaskStats> tasks,
    @JsonProperty("timeseries") List<SecondStats> timeseries,
    @JsonProperty("thresholds") List<ThresholdResult> thresholds,
    @JsonProperty("passed") boolean passed,
    @JsonProperty("cancelled") boolean cancelled,
    @JsonProperty("latency_distribution") List<LatencyPercentile> latencyDistribution)
    implements CheckResult {

  /** The file name {@link #writeTo(Path)} gives the JSON report. */
  public static final String JSON_FILE = "load-test-report.json";

  /** The file name {@link #writeTo(Path)} gives the HTML report. */
  public static final String HTML_FILE = "load-test-report.html";

  /** Copies the lists and rejects nulls. */
  public LoadTestReport {
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(latencyMs, "latencyMs == null");
    tasks = List.copyOf(tasks);
    timeseries = List.copyOf(timeseries);
    thresholds = List.copyOf(thresholds);
    latencyDistribution = List.copyOf(latencyDistribution);
  }

  /** Creates a report without a latency distribution (the HTML report then draws none). */
  public LoadTestReport(
      String model,
      String target,
      double durationS,
      long requests,
      double rps,
      long errors,
      double errorRate,
      LatencyStats latencyMs,
      long unfinished,
      List<TaskStats> tasks,
      List<SecondStats> timeseries,
      List<ThresholdResult> thresholds,
      boolean passed,
      boolean cancelled) {
    this(
        model,
        target,
        durationS,
        requests,
        rps,
        errors,
        errorRate,
        latencyMs,
        unfinished,
        tasks,
        timeseries,
        thresholds,
        passed,
        cancelled,
        List.of());
  }

  /** Returns the metrics thresholds are evaluated on, by name (latencies in milliseconds). */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("requests", (double) requests);
    m.put("rps", rps);
    m.put("errors", (double) errors);
    m.put("error_rate", errorRate);
    m.put("p50", latencyMs.p50());
    m.put("median", latencyMs.p50());
    m.put("p90", latencyMs.p90());
    m.put("p95", latencyMs.p95());
    m.put("p99", latencyMs.p99());
    m.put("max", latencyMs.max());
    m.put("mean", latencyMs.mean());
    m.put("min", latencyMs.min());
    return m;
  }

  /**
   * Returns a copy judged by {@code thresholds}: a pure function of this report's numbers, so the
   * verdict can be recomputed and unit-tested.
   */
  public LoadTestReport judgedBy(List<Threshold> thresholds) {
    Map<String, Double> metrics = metrics();
    List<ThresholdResult> results = new ArrayList<>();
    for (Threshold t : thresholds) {
      results.add(t.evaluate(metrics));
    }
    boolean ok = results.stream().allMatch(ThresholdResult::passed);
    return new LoadTestReport(
        model,
        target,
        durationS,
        requests,
        rps,
        errors,
        errorRate,
        latencyMs,
        unfinished,
        tasks,
        timeseries,
        results,
        ok,
        cancelled,
        latencyDistribution);
  }

  /** Returns the statistics of the task named {@code name}. */
  public Optional<TaskStats> task(String name) {
    return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Returns the report as indented JSON. */
  public String toJson() {
    return Json.writePretty(this);
  }

  /**
   * Returns the report as one self-contained HTML page: inline styles and SVG charts, no script,
   * and a content security policy that forbids every fetch, so it opens offline and as a CI
   * artifact. It shows requests per second and the error rate per second, p50/p95/p99 per second,
   * the latency distribution, the per-task table and the thresholds' verdicts.
   */
  public String toHtml() {
    return LoadTestPage.render(this);
  }

  /**
   * Writes {@link #toHtml()} to {@code file}, atomically: a temporary file in the same directory
   * renamed over the target, so a reader never sees half a page. Creates missing parent
   * directories.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public Path writeHtml(Path file) {
    Objects.requireNonNull(file, "file == null");
    ReportFiles.writeAtomically(file, toHtml());
    return file;
  }

  /**
   * Writes {@value #JSON_FILE} and {@value #HTML_FILE} into {@code directory} (created when
   * missing), each atomically, and returns the HTML file.
   *
   * @throws UncheckedIOException when a file cannot be written
   */
  public Path writeTo(Path directory) {
    Objects.requireNonNull(directory, "directory == null");
    ReportFiles.writeAtomically(directory.resolve(JSON_FILE), toJson());
    return writeHtml(directory.resolve(HTML_FILE));
  }

  @Override
  public AlertLevel level() {
    return passed ? AlertLevel.INFO : AlertLevel.CRITICAL;
  }

  @Override
  public String summary() {
    StringBuilder sb =
        new StringBuilder(level() + " load test " + target + ": " + requests + " requests, ")
            .append(
                String.format(
                    java.util.Locale.ROOT,
                    "%.1f rps, %.2f%% errors, p95 %.3f ms",
                    rps,
                    errorRate * 100,
                    latencyMs.p95()));
    List<String> broken = new ArrayList<>();
    thresholds.stream().filter(t -> !t.passed()).forEach(t -> broken.add(t.message()));
    if (!broken.isEmpty()) {
      sb.append("; thresholds broken: ").append(String.join("; ", broken));
    }
    return sb.toString();
  }

  @Override
  public Map<String, Object> measurements() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", requests);
    m.put("rps", rps);
    m.put("error_rate", errorRate);
    m.put("p95_ms", latencyMs.p95());
    m.put("p99_ms", latencyMs.p99());
    return m;
  }
}
