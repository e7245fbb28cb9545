package dev.ffe.steps.http;

import dev.ffe.core.ContextKey;
import dev.ffe.core.WorkflowStep;
import dev.ffe.steps.http.internal.HttpCalls;
import dev.ffe.steps.http.internal.Latencies;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Measures API endpoints the way the seed's performance tests do: N requests per endpoint (default
 * 100), sequentially or with a fixed concurrency, reporting mean, median, P90, P95, P99, min, max
 * and errors per endpoint. Thresholds (per endpoint, or for all endpoints) fail the step when
 * broken, with the measured value in the message.
 *
 * <p>Endpoints are probed one after another. Each worker records into its own HdrHistogram; the
 * histograms are merged per endpoint. Requests use the JDK {@link HttpClient} with a total deadline
 * per request.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiProbe {
  /** The latest probe result of the workflow, published by {@link #step(String)}. */
  public static final ContextKey<ApiProbeResult> RESULT =
      ContextKey.of("http.api-probe.result", ApiProbeResult.class);

  private static final int MAX_REASON_KINDS = 10;

  private final List<ApiEndpoint> endpoints;
  private final int requestsPerEndpoint;
  private final int concurrency;
  private final Duration timeout;
  private final List<Threshold> thresholds;
  private final HttpClient client;
  private final Clock clock;

  private ApiProbe(Builder b) {
    this.endpoints = List.copyOf(b.endpoints);
    this.requestsPerEndpoint = b.requests;
    this.concurrency = b.concurrency;
    this.timeout = b.timeout;
    this.thresholds = List.copyOf(b.thresholds);
    this.client = b.client;
    this.clock = b.clock;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the endpoints, in probe order. */
  public List<ApiEndpoint> endpoints() {
    return endpoints;
  }

  /** Probes every endpoint now. */
  public ApiProbeResult run() throws InterruptedException {
    return run(clock.instant());
  }

  /** Probes every endpoint, stamping the result with {@code startedAt}. */
  public ApiProbeResult run(Instant startedAt) throws InterruptedException {
    Objects.requireNonNull(startedAt, "startedAt == null");
    List<EndpointStats> stats = new ArrayList<>();
    for (ApiEndpoint endpoint : endpoints) {
      stats.add(probe(endpoint));
    }
    boolean passed = stats.stream().allMatch(EndpointStats::passed);
    boolean errors = stats.stream().anyMatch(s -> s.errors() > 0);
    AlertLevel level =
        !passed ? AlertLevel.CRITICAL : errors ? AlertLevel.WARNING : AlertLevel.INFO;
    return new ApiProbeResult(stats, level, passed, startedAt);
  }

  private EndpointStats probe(ApiEndpoint endpoint) throws InterruptedException {
    HttpRequest request = request(endpoint);
    int workers = Math.min(concurrency, requestsPerEndpoint);
    AtomicInteger remaining = new AtomicInteger(requestsPerEndpoint);
    List<Worker> all = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      all.add(new Worker(endpoint, request, remaining));
    }
    if (workers == 1) {
      all.get(0).call();
    } else {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              workers,
              r -> {
                Thread t = new Thread(r, "ffe-api-probe-" + endpoint.name());
                t.setDaemon(true);
                return t;
              });
      try {
        List<Future<Void>> futures = pool.invokeAll(all);
        for (Future<Void> f : futures) {
          f.get();
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("probe worker failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    Histogram merged = Latencies.newHistogram();
    long errors = 0;
    Map<String, Long> reasons = new TreeMap<>();
    for (Worker w : all) {
      merged.add(w.histogram);
      errors += w.errors;
      w.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    }
    EndpointStats raw =
        new EndpointStats(
            endpoint.name(),
            endpoint.uri().toString(),
            requestsPerEndpoint,
            errors,
            Latencies.meanMs(merged),
            Latencies.percentileMs(merged, 50),
            Latencies.percentileMs(merged, 90),
            Latencies.percentileMs(merged, 95),
            Latencies.percentileMs(merged, 99),
            Latencies.minMs(merged),
            Latencies.maxMs(merged),
            reasons,
            List.of());
    Map<String, Double> metrics = raw.metrics();
    List<ThresholdResult> outcomes = new ArrayList<>();
    for (Threshold t : thresholds) {
      outcomes.add(t.evaluate(metrics));
    }
    for (Threshold t : endpoint.thresholds()) {
      outcomes.add(t.evaluate(metrics));
    }
    return new EndpointStats(
        raw.name(),
        raw.url(),
        raw.requests(),
        raw.errors(),
        raw.meanMs(),
        raw.medianMs(),
        raw.p90Ms(),
        raw.p95Ms(),
        raw.p99Ms(),
        raw.minMs(),
        raw.maxMs(),
        reasons,
        outcomes);
  }

  private HttpRequest request(ApiEndpoint endpoint) {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(endpoint.uri())
            .timeout(timeout)
            .method(
                endpoint.method(),
                endpoint
                    .body()
                    .map(HttpRequest.BodyPublishers::ofString)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    endpoint.headers().forEach(rb::header);
    return rb.build();
  }

  /** One sequential stream of requests with its own histogram. */
  private final class Worker implements java.util.concurrent.Callable<Void> {
    final ApiEndpoint endpoint;
    final HttpRequest request;
    final AtomicInteger remaining;
    final Histogram histogram = Latencies.newHistogram();
    final Map<String, Long> reasons = new TreeMap<>();
    long errors;

    Worker(ApiEndpoint endpoint, HttpRequest request, AtomicInteger remaining) {
      this.endpoint = endpoint;
      this.request = request;
      this.remaining = remaining;
    }

    @Override
    public Void call() throws InterruptedException {
      while (remaining.getAndDecrement() > 0) {
        long start = System.nanoTime();
        try {
          HttpResponse<Void> response =
              HttpCalls.send(client, request, HttpResponse.BodyHandlers.discarding(), timeout);
          histogram.recordValue(Latencies.micros(System.nanoTime() - start));
          if (!endpoint.isSuccess(response.statusCode())) {
            error("status " + response.statusCode());
          }
        } catch (TimeoutException e) {
          error("timeout after " + HttpCalls.human(timeout));
        } catch (IOException e) {
          error(shortReason(e));
        }
      }
      return null;
    }

    private void error(String reason) {
      errors++;
      if (reasons.size() < MAX_REASON_KINDS || reasons.containsKey(reason)) {
        reasons.merge(reason, 1L, Long::sum);
      } else {
        reasons.merge("other", 1L, Long::sum);
      }
    }
  }

  private static String shortReason(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * Wraps the probe as a blocking workflow step whose output is the {@link ApiProbeResult}; it is
   * published under {@link #RESULT} and {@link HttpSteps#resultKey(String)}, and the step fails
   * with a {@link CheckFailedException} naming the broken thresholds and measured values.
   */
  public WorkflowStep step(String name) {
    return WorkflowStep.task(
        name,
        ctx -> {
          ApiProbeResult result = run(ctx.now());
          ctx.put(RESULT, result);
          ctx.put(HttpSteps.resultKey(ctx.stepPath()), result);
          if (!result.passed()) {
            throw new CheckFailedException(result);
          }
          return result;
        });
  }

  /**
   * Configures an {@link ApiProbe}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final List<ApiEndpoint> endpoints = new ArrayList<>();
    private int requests = 100;
    private int concurrency = 1;
    private Duration timeout = Duration.ofSeconds(10);
    private final List<Threshold> thresholds = new ArrayList<>();
    private HttpClient client = HttpCalls.sharedClient();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds an endpoint. */
    public Builder endpoint(ApiEndpoint endpoint) {
      endpoints.add(Objects.requireNonNull(endpoint, "endpoint == null"));
      return this;
    }

    /** Adds a GET endpoint named {@code name}. */
    public Builder endpoint(String name, String url) {
      return endpoint(ApiEndpoint.get(name, url));
    }

    /** Sets the number of requests per endpoint; default 100. */
    public Builder requestsPerEndpoint(int requests) {
      if (requests < 1) {
        throw new IllegalArgumentException(
            "requests per endpoint is " + requests + ": use 1 or more (the seed uses 100)");
      }
      this.requests = requests;
      return this;
    }

    /** Sets how many requests are in flight at once per endpoint; default 1 (sequential). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException(
            "concurrency is " + concurrency + ": use 1 (sequential) or more");
      }
      this.concurrency = concurrency;
      return this;
    }

    /** Sets the total deadline of one request; default 10 s. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "timeout is " + timeout + ": use a positive duration such as 10s");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Adds a threshold that every endpoint must meet, such as {@code p95<500ms}.
     *
     * @throws IllegalArgumentException when malformed or naming a metric a probe does not measure
     */
    public Builder threshold(String threshold) {
      Threshold t = Threshold.parse(threshold);
      Threshold.requireSupported(List.of(t), ApiEndpoint.METRICS, "API probe");
      thresholds.add(t);
      return this;
    }

    /** Uses {@code client} instead of the shared JDK client. */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** Sets the clock that stamps {@link ApiProbe#run()} results. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Builds the immutable probe.
     *
     * @throws IllegalStateException when no endpoint was added, or two share a name
     */
    public ApiProbe build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException(
            "API probe has no endpoints: add one with endpoint(name, url)");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (ApiEndpoint e : endpoints) {
        if (!names.add(e.name())) {
          throw new IllegalStateException(
              "two endpoints are named '" + e.name() + "': give each a unique name");
        }
      }
      return new ApiProbe(this);
    }
  }
}
