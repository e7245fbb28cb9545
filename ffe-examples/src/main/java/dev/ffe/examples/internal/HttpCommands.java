package dev.ffe.examples.internal;

import dev.ffe.steps.http.AlertLevel;
import dev.ffe.steps.http.ApiProbe;
import dev.ffe.steps.http.ApiProbeResult;
import dev.ffe.steps.http.EndpointStats;
import dev.ffe.steps.http.HealthCheck;
import dev.ffe.steps.http.HealthCheckResult;
import dev.ffe.steps.http.LatencyStats;
import dev.ffe.steps.http.LoadTask;
import dev.ffe.steps.http.LoadTest;
import dev.ffe.steps.http.LoadTestReport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The HTTP module's commands for CI scripts: thin wrappers over {@code dev.ffe.steps.http}. */
public final class HttpCommands {
  private HttpCommands() {}

  /** {@code ffe health URL}: one health check. */
  @Command(
      name = "health",
      mixinStandardHelpOptions = true,
      description = {
        "Checks one URL once; exit 1 when the level reaches --fail-at.",
        "JSON fields: url, status, level, latency_ms, reason."
      })
  public static final class Health extends BaseCommand {
    @Parameters(paramLabel = "URL", description = "The URL to GET.")
    String url;

    @Option(
        names = "--expect-status",
        paramLabel = "N",
        split = ",",
        description = "Statuses that count as healthy (default 200).")
    List<Integer> expectStatus = new ArrayList<>();

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "10s",
        description = "Deadline for the whole exchange (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
        names = "--fail-at",
        paramLabel = "LEVEL",
        defaultValue = "CRITICAL",
        description = "warning or critical (default ${DEFAULT-VALUE}).")
    AlertLevel failAt;

    @Override
    protected int execute() throws Exception {
      HealthCheck.Builder b = HealthCheck.builder(url).timeout(timeout).failAt(failAt);
      if (!expectStatus.isEmpty()) {
        b.expectStatus(expectStatus.stream().mapToInt(Integer::intValue).toArray());
      }
      HealthCheckResult r = b.build().check();
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("url", r.url());
      doc.put("status", r.status());
      doc.put("level", r.level().name());
      doc.put("latency_ms", r.latencyMs());
      doc.put("reason", r.reason());
      if (json()) {
        printJson(doc);
      } else {
        out().println(r.summary());
        out().flush();
      }
      return r.level().atLeast(failAt) ? FAILED : OK;
    }
  }

  /** {@code ffe perf URL...}: an API probe. */
  @Command(
      name = "perf",
      mixinStandardHelpOptions = true,
      description = {
        "Sends --requests requests to each URL, one after another; exit 1 when a threshold fails.",
        "JSON per endpoint: mean_ms, median_ms, p95_ms, min_ms, max_ms, errors."
      })
  public static final class Perf extends BaseCommand {
    @Parameters(paramLabel = "URL", arity = "1..*", description = "Endpoints to probe.")
    List<String> urls;

    @Option(
        names = "--requests",
        paramLabel = "N",
        defaultValue = "100",
        description = "Requests per endpoint (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(
        names = "--threshold",
        paramLabel = "EXPR",
        description = "A threshold like p95<500ms or errors==0 (repeatable).")
    List<String> thresholds = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
      ApiProbe.Builder b = ApiProbe.builder().requestsPerEndpoint(requests);
      for (int i = 0; i < urls.size(); i++) {
        b.endpoint("endpoint-" + (i + 1), urls.get(i));
      }
      thresholds.forEach(b::threshold);
      ApiProbeResult r = b.build().run();
      List<Map<String, Object>> endpoints = new ArrayList<>();
      for (EndpointStats e : r.endpoints()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", e.url());
        m.put("requests", e.requests());
        m.put("mean_ms", e.meanMs());
        m.put("median_ms", e.medianMs());
        m.put("p95_ms", e.p95Ms());
        m.put("min_ms", e.minMs());
        m.put("max_ms", e.maxMs());
        m.put("errors", e.errors());
        endpoints.add(m);
      }
      if (json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("passed", r.passed());
        doc.put("endpoints", endpoints);
        printJson(doc);
      } else {
        for (Map<String, Object> m : endpoints) {
          out()
              .printf(
                  Locale.ROOT,
                  "%s  mean %.2f ms  median %.2f ms  p95 %.2f ms  min %.2f ms  max %.2f ms  errors %d%n",
                  m.get("url"),
                  m.get("mean_ms"),
                  m.get("median_ms"),
                  m.get("p95_ms"),
                  m.get("min_ms"),
                  m.get("max_ms"),
                  m.get("errors"));
        }
        out().println(r.summary());
        out().flush();
      }
      return r.passed() ? OK : FAILED;
    }
  }

  /** {@code ffe loadtest URL}: a load test. */
  @Command(
      name = "loadtest",
      mixinStandardHelpOptions = true,
      description = {
        "Load-tests one URL: --users N at --spawn-rate R per second (closed model), or --rate R"
            + " requests per second (open model); exit 1 when a threshold fails.",
        "JSON: requests, rps, errors, error_rate, latency_ms {p50, p90, p95, p99, max}."
      })
  public static final class Load extends BaseCommand {
    @Parameters(paramLabel = "URL", description = "The URL to request.")
    String url;

    @Option(names = "--users", paramLabel = "N", description = "Concurrent users.")
    Integer users;

    @Option(
        names = "--spawn-rate",
        paramLabel = "R",
        description = "Users started per second (default: all at once).")
    Double spawnRate;

    @Option(
        names = "--duration",
        paramLabel = "DURATION",
        required = true,
        description = "How long to run, like 10s or 2m.")
    Duration duration;

    @Option(
        names = "--rate",
        paramLabel = "R",
        description = "Open model: requests per second, whatever the latency.")
    Double rate;

    @Option(
        names = "--threshold",
        paramLabel = "EXPR",
        description = "A threshold like p95<500ms or error_rate<1%% (repeatable).")
    List<String> thresholds = new ArrayList<>();

    @Option(
        names = "--html",
        paramLabel = "FILE",
        description =
            "Also write a self-contained HTML report (charts per second, latency distribution,"
                + " tasks, thresholds) to FILE, atomically.")
    Path html;

    @Override
    protected int execute() throws Exception {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new UsageException(
            "'" + url + "' is not an http(s) URL: write http://host:port/path");
      }
      String base = uri.getScheme() + "://" + uri.getRawAuthority();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      LoadTest.Builder b = LoadTest.builder(base).task(LoadTask.get("request", path));
      if (rate != null) {
        b.openModel(rate);
      } else if (users != null) {
        b.closedModel(users, spawnRate == null ? users : spawnRate);
      } else {
        throw new UsageException("give --users N (closed model) or --rate R (open model)");
      }
      b.duration(duration);
      thresholds.forEach(b::threshold);
      LoadTestReport r = b.build().run();
      if (html != null) {
        r.writeHtml(html);
      }
      LatencyStats l = r.latencyMs();
      Map<String, Object> latency = new LinkedHashMap<>();
      latency.put("p50", l.p50());
      latency.put("p90", l.p90());
      latency.put("p95", l.p95());
      latency.put("p99", l.p99());
      latency.put("max", l.max());
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("requests", r.requests());
      doc.put("rps", r.rps());
      doc.put("errors", r.errors());
      doc.put("error_rate", r.errorRate());
      doc.put("latency_ms", latency);
      doc.put("passed", r.passed());
      if (html != null) {
        doc.put("html", html.toString());
      }
      if (json()) {
        printJson(doc);
      } else {
        out().println(r.summary());
        out().flush();
      }
      return r.passed() ? OK : FAILED;
    }
  }
}
