package dev.ffe.steps.http;

import dev.ffe.core.ContextKey;
import dev.ffe.core.FfeException;
import dev.ffe.core.WorkflowStep;
import dev.ffe.steps.http.internal.HttpCalls;
import dev.ffe.steps.http.internal.Latencies;
import dev.ffe.steps.http.internal.LoadEngine;
import dev.ffe.steps.http.internal.LoadPlan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.HdrHistogram.Histogram;

/**
 * Generates HTTP load with Netty and reports throughput and latency, in one of two models:
 *
 * <ul>
 *   <li><b>closed</b> ({@link Builder#closedModel(int, double)}), like Locust: N users started at a
 *       spawn rate, each picking a weighted task, waiting for the response, thinking for a random
 *       time between min and max, and repeating; latency is measured from the actual send;
 *   <li><b>open</b> ({@link Builder#openModel(double)}), like k6's constant-arrival-rate and wrk2:
 *       requests are due at a constant rate whether or not earlier ones have answered; latency is
 *       measured from each request's <em>intended</em> send time, so a stalled server's queueing
 *       shows in the percentiles (coordinated omission corrected).
 * </ul>
 *
 * <p>Latencies go into per-thread HdrHistogram recorders that are merged once a second. The test
 * stops at its duration (requests still in flight are reported as {@code unfinished}, not counted)
 * or when cancelled. Thresholds such as {@code p95<500ms}, {@code rps>=100}, {@code error_rate<1%}
 * decide whether the report {@link LoadTestReport#passed()}; the step fails when one breaks.
 *
 * <pre>{@code
 * LoadTestReport report = LoadTest.builder("http://localhost:8080")
 *     .task(LoadTask.builder("browse", "/products").weight(3).build())
 *     .task(LoadTask.get("health", "/health"))
 *     .closedModel(50, 5).thinkTime(Duration.ofSeconds(1), Duration.ofSeconds(3))
 *     .duration(Duration.ofMinutes(2))
 *     .threshold("p95<500ms").threshold("error_rate<1%")
 *     .build().run();
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #run()} is independent.
 */
public final class LoadTest {
  /** The latest load-test report of the workflow, published by {@link #step(String)}. */
  public static final ContextKey<LoadTestReport> RESULT =
      ContextKey.of("http.load-test.result", LoadTestReport.class);

  /** Metrics a load-test threshold may name. */
  public static final Set<String> METRICS = Threshold.ALL_METRICS;

  private final URI target;
  private final List<LoadTask> tasks;
  private final boolean closed;
  private final int users;
  private final double spawnRate;
  private final double rate;
  private final int connections;
  private final Duration duration;
  private final Duration warmup;
  private final Duration thinkMin;
  private final Duration thinkMax;
  private final Duration requestTimeout;
  private final List<Threshold> thresholds;
  private final long seed;
  private final int threads;
  private final java.util.Optional<java.security.KeyStore> trustStore;
  private final java.util.Optional<Path> reportDirectory;

  /** Percentiles of the report's latency distribution, dense in the tail where latency hides. */
  private static final double[] DISTRIBUTION_PERCENTILES = {
    0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 98, 99, 99.5, 99.9, 99.95,
    99.99, 99.999, 100
  };

  private LoadTest(Builder b) {
    this.target = b.target;
    this.tasks = List.copyOf(b.tasks);
    this.closed = b.closed;
    this.users = b.users;
    this.spawnRate = b.spawnRate;
    this.rate = b.rate;
    this.connections = b.connections;
    this.duration = b.duration;
    this.warmup = b.warmup;
    this.thinkMin = b.thinkMin;
    this.thinkMax = b.thinkMax;
    this.requestTimeout = b.requestTimeout;
    this.thresholds = List.copyOf(b.thresholds);
    this.seed = b.seed;
    this.trustStore = b.trustStore;
    this.reportDirectory = b.reportDirectory;
    int wanted = b.threads > 0 ? b.threads : Runtime.getRuntime().availableProcessors();
    this.threads = Math.max(1, Math.min(wanted, closed ? users : connections));
  }

  /**
   * Starts a builder for load on {@code baseUrl}; task paths are appended to its path.
   *
   * @throws IllegalArgumentException when the URL is malformed or not http(s)
   */
  public static Builder builder(String baseUrl) {
    return new Builder(HttpCalls.parseHttpUrl("load test URL", baseUrl));
  }

  /** Returns the thresholds that judge the report. */
  public List<Threshold> thresholds() {
    return thresholds;
  }

  /** Returns how long the test runs. */
  public Duration duration() {
    return duration;
  }

  /** Returns the directory each run writes its JSON and HTML reports to, if one was set. */
  public java.util.Optional<Path> reportDirectory() {
    return reportDirectory;
  }

  /**
   * Runs the test on the calling thread for its duration and returns the judged report; with a
   * {@link Builder#reportDirectory(Path)} it also writes the report there.
   *
   * @throws InterruptedException if the thread is interrupted; the load stops first
   * @throws java.io.UncheckedIOException when the report directory cannot be written
   */
  public LoadTestReport run() throws InterruptedException {
    return run(engine -> {});
  }

  /**
   * Runs the test, handing the engine's stop action to {@code onStart} (e.g. to wire up
   * cancellation) before load begins.
   */
  public LoadTestReport run(Consumer<Runnable> onStart) throws InterruptedException {
    Objects.requireNonNull(onStart, "onStart == null");
    LoadEngine engine;
    try {
      engine = new LoadEngine(plan());
    } catch (SSLException e) {
      throw new FfeException("cannot set up TLS for " + target + ": " + e.getMessage(), e);
    }
    onStart.accept(engine::stop);
    int n = tasks.size();
    Histogram[] cumulative = new Histogram[n];
    for (int i = 0; i < n; i++) {
      cumulative[i] = new Histogram(3);
    }
    List<SecondStats> series = new ArrayList<>();
    long[][] last = {new long[n], new long[n]};
    long[][] totals = {new long[n], new long[n]};
    long[][] baseline = {new long[n], new long[n]};
    long warmupNanos = warmup.toNanos();
    boolean[] warming = {warmupNanos > 0};
    LoadEngine.Totals result =
        engine.run(
            (elapsed, perTask, requestsSoFar, errorsSoFar, active) -> {
              if (warming[0]) {
                // the engine's first sample closes the warm-up
                warming[0] = false;
                // the warm-up's samples are dropped; its counts become the baseline
                last[0] = requestsSoFar.clone();
                last[1] = errorsSoFar.clone();
                baseline[0] = requestsSoFar.clone();
                baseline[1] = errorsSoFar.clone();
                totals[0] = requestsSoFar.clone();
                totals[1] = errorsSoFar.clone();
                return;
              }
              Histogram interval = new Histogram(3);
              long req = 0;
              long err = 0;
              for (int i = 0; i < n; i++) {
                cumulative[i].add(perTask[i]);
                interval.add(perTask[i]);
                req += requestsSoFar[i] - last[0][i];
                err += errorsSoFar[i] - last[1][i];
              }
              last[0] = requestsSoFar.clone();
              last[1] = errorsSoFar.clone();
              totals[0] = requestsSoFar.clone();
              totals[1] = errorsSoFar.clone();
              LatencyStats s = LatencyStats.of(interval);
              series.add(
                  new SecondStats(
                      Math.round((elapsed - warmupNanos) / 1e6) / 1000.0,
                      req,
                      err,
                      s.p50(),
                      s.p95(),
                      s.p99(),
                      s.max(),
                      active));
            });
    long[] measuredRequests = new long[n];
    long[] measuredErrors = new long[n];
    for (int i = 0; i < n; i++) {
      measuredRequests[i] = totals[0][i] - baseline[0][i];
      measuredErrors[i] = totals[1][i] - baseline[1][i];
    }
    LoadTestReport report = report(cumulative, measuredRequests, measuredErrors, series, result);
    reportDirectory.ifPresent(report::writeTo);
    return report;
  }

  private LoadTestReport report(
      Histogram[] cumulative,
      long[] requests,
      long[] errors,
      List<SecondStats> series,
      LoadEngine.Totals totals) {
    List<TaskStats> taskStats = new ArrayList<>();
    Histogram all = new Histogram(3);
    long req = 0;
    long err = 0;
    for (int i = 0; i < tasks.size(); i++) {
      all.add(cumulative[i]);
      req += requests[i];
      err += errors[i];
      taskStats.add(
          new TaskStats(
              tasks.get(i).name(),
              tasks.get(i).weight(),
              requests[i],
              errors[i],
              requests[i] == 0 ? 0 : (double) errors[i] / requests[i],
              LatencyStats.of(cumulative[i]),
              totals.reasons().get(i)));
    }
    double seconds = Math.max(0, totals.elapsedNanos() - warmup.toNanos()) / 1e9;
    LoadTestReport raw =
        new LoadTestReport(
            closed ? "closed" : "open",
            target.toString(),
            Math.round(seconds * 1000) / 1000.0,
            req,
            seconds <= 0 ? 0 : Math.round(req / seconds * 10) / 10.0,
            err,
            req == 0 ? 0 : (double) err / req,
            LatencyStats.of(all),
            totals.unfinished(),
            taskStats,
            series,
            List.of(),
            true,
            totals.cancelled(),
            distribution(all));
    return raw.judgedBy(thresholds);
  }

  private static List<LatencyPercentile> distribution(Histogram all) {
    if (all.getTotalCount() == 0) {
      return List.of();
    }
    List<LatencyPercentile> points = new ArrayList<>();
    for (double p : DISTRIBUTION_PERCENTILES) {
      double ms =
          p == 0
              ? Latencies.minMs(all)
              : p == 100 ? Latencies.maxMs(all) : Latencies.percentileMs(all, p);
      points.add(new LatencyPercentile(p, ms));
    }
    return points;
  }

  private LoadPlan plan() {
    String basePath = target.getRawPath() == null ? "" : target.getRawPath();
    if (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    boolean https = "https".equalsIgnoreCase(target.getScheme());
    int port = target.getPort();
    String host = target.getHost();
    String hostHeader = port < 0 || port == (https ? 443 : 80) ? host : host + ":" + port;
    List<LoadPlan.TaskPlan> plans = new ArrayList<>();
    for (LoadTask t : tasks) {
      byte[] body = t.body().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
      plans.add(
          new LoadPlan.TaskPlan(
              t.name(),
              t.weight(),
              t.method().equals("HEAD"),
              LoadEngine.encode(t.method(), basePath + t.path(), hostHeader, t.headers(), body),
              t::isSuccess));
    }
    return new LoadPlan(
        target,
        plans,
        closed,
        users,
        spawnRate,
        rate,
        connections,
        duration,
        warmup,
        thinkMin.toNanos(),
        thinkMax.toNanos(),
        requestTimeout,
        seed,
        threads,
        trustStore);
  }

  /**
   * Wraps the test as a blocking workflow step whose output is the {@link LoadTestReport}; it is
   * published under {@link #RESULT} and {@link HttpSteps#resultKey(String)}. Cancelling the
   * workflow or a step timeout stops the load. The step fails with a {@link CheckFailedException}
   * when a threshold breaks.
   */
  public WorkflowStep step(String name) {
    return WorkflowStep.task(
        name,
        ctx -> {
          LoadTestReport report = run(stop -> ctx.onCancel(stop));
          ctx.put(RESULT, report);
          ctx.put(HttpSteps.resultKey(ctx.stepPath()), report);
          if (!report.passed()) {
            throw new CheckFailedException(report);
          }
          return report;
        });
  }

  /**
   * Configures a {@link LoadTest}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final URI target;
    private final List<LoadTask> tasks = new ArrayList<>();
    private Boolean modelClosed;
    private boolean closed;
    private int users;
    private double spawnRate;
    private double rate;
    private int connections = 100;
    private Duration duration;
    private Duration warmup = Duration.ZERO;
    private Duration thinkMin = Duration.ZERO;
    private Duration thinkMax = Duration.ZERO;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private final List<Threshold> thresholds = new ArrayList<>();
    private long seed = 42;
    private int threads;
    private java.util.Optional<java.security.KeyStore> trustStore = java.util.Optional.empty();
    private java.util.Optional<Path> reportDirectory = java.util.Optional.empty();

    private Builder(URI target) {
      this.target = target;
    }

    /** Adds a weighted task. */
    public Builder task(LoadTask task) {
      tasks.add(Objects.requireNonNull(task, "task == null"));
      return this;
    }

    /**
     * Uses the closed model: {@code users} users started at {@code spawnRate} per second (the seed:
     * 50 users at 5 per second).
     *
     * @throws IllegalArgumentException when either is zero or negative
     */
    public Builder closedModel(int users, double spawnRate) {
      if (users < 1) {
        throw new IllegalArgumentException("users is " + users + ": use 1 or more");
      }
      if (!(spawnRate > 0) || Double.isInfinite(spawnRate)) {
        throw new IllegalArgumentException(
            "spawn rate is " + spawnRate + ": use a positive number of users per second");
      }
      this.modelClosed = true;
      this.closed = true;
      this.users = users;
      this.spawnRate = spawnRate;
      return this;
    }

    /**
     * Uses the open model: {@code requestsPerSecond} requests are due each second, on up to {@link
     * #connections(int)} connections.
     *
     * @throws IllegalArgumentException when the rate is zero or negative
     */
    public Builder openModel(double requestsPerSecond) {
      if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
        throw new IllegalArgumentException(
            "rate is " + requestsPerSecond + ": use a positive number of requests per second");
      }
      this.modelClosed = false;
      this.closed = false;
      this.rate = requestsPerSecond;
      return this;
    }

    /** Sets the open model's connection limit; default 100. */
    public Builder connections(int connections) {
      if (connections < 1) {
        throw new IllegalArgumentException("connections is " + connections + ": use 1 or more");
      }
      this.connections = connections;
      return this;
    }

    /** Sets how long the load runs. */
    public Builder duration(Duration duration) {
      Objects.requireNonNull(duration, "duration == null");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "duration is " + duration + ": use a positive duration such as 2m");
      }
      this.duration = duration;
      return this;
    }

    /**
     * Runs the load for {@code warmup} before measuring starts (JIT, connection set-up, caches);
     * nothing of the warm-up is counted except its errors in {@code error_reasons}. Default none.
     */
    public Builder warmup(Duration warmup) {
      Objects.requireNonNull(warmup, "warmup == null");
      if (warmup.isNegative()) {
        throw new IllegalArgumentException(
            "warm-up is " + warmup + ": use zero or a positive duration");
      }
      this.warmup = warmup;
      return this;
    }

    /** Sets the closed model's think time, uniformly random in [min, max]; default none. */
    public Builder thinkTime(Duration min, Duration max) {
      Objects.requireNonNull(min, "min == null");
      Objects.requireNonNull(max, "max == null");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "think time " + min + ".." + max + " is not a range: use 0 <= min <= max, e.g. 1s..3s");
      }
      this.thinkMin = min;
      this.thinkMax = max;
      return this;
    }

    /** Sets the deadline of one request, connect included; default 10 s. */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "request timeout is " + timeout + ": use a positive duration");
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Adds a threshold such as {@code p95<500ms}, {@code rps>=100} or {@code error_rate<1%}.
     *
     * @throws IllegalArgumentException when malformed or naming an unknown metric
     */
    public Builder threshold(String threshold) {
      thresholds.add(Threshold.parse(threshold));
      return this;
    }

    /** Sets the seed of the task and think-time choices; default 42. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the number of event-loop threads; default the number of processors. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads is " + threads + ": use 1 or more");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Validates HTTPS targets against {@code trustStore} instead of the JDK's default (for a
     * private CA); verification and host-name checks stay on.
     */
    public Builder trustStore(java.security.KeyStore trustStore) {
      this.trustStore =
          java.util.Optional.of(Objects.requireNonNull(trustStore, "trustStore == null"));
      return this;
    }

    /**
     * Writes {@value LoadTestReport#JSON_FILE} and {@value LoadTestReport#HTML_FILE} into {@code
     * directory} after each run (each file atomically; the directory is created when missing).
     * Default: no files.
     */
    public Builder reportDirectory(Path directory) {
      this.reportDirectory =
          java.util.Optional.of(Objects.requireNonNull(directory, "directory == null"));
      return this;
    }

    /**
     * Builds the immutable test.
     *
     * @throws IllegalStateException when no task, model or duration was given
     */
    public LoadTest build() {
      if (tasks.isEmpty()) {
        throw new IllegalStateException(
            "load test has no tasks: add one with task(LoadTask.get(name, path))");
      }
      if (modelClosed == null) {
        throw new IllegalStateException(
            "load test has no model: call closedModel(users, spawnRate) or openModel(rate)");
      }
      if (duration == null) {
        throw new IllegalStateException(
            "load test has no duration: call duration(Duration.ofMinutes(2))");
      }
      Set<String> names = new java.util.HashSet<>();
      for (LoadTask t : tasks) {
        if (!names.add(t.name())) {
          throw new IllegalStateException(
              "two tasks are named '" + t.name() + "': give each a unique name");
        }
      }
      return new LoadTest(this);
    }
  }
}
