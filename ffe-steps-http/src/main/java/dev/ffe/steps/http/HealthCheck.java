package dev.ffe.steps.http;

import dev.ffe.core.ContextKey;
import dev.ffe.core.WorkflowStep;
import dev.ffe.steps.http.internal.HttpCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Checks that an HTTP endpoint answers with an expected status (and optionally body) in time, and
 * grades the response time, like the seed's 15-minute monitoring and Gatus's conditions.
 *
 * <pre>{@code
 * HealthCheck check = HealthCheck.builder("https://api.example.com/health").build();
 * HealthCheckResult r = check.check();                  // plain Java
 * WorkflowStep step = check.step("health").delay(Duration.ofSeconds(30)); // in a workflow
 * }</pre>
 *
 * <p>Unreachable, refused, DNS failure, TLS failure and timeout each give CRITICAL with the reason
 * in words; they never throw from {@link #check()}.
 *
 * <p>Immutable and thread-safe; one instance may check many times, concurrently.
 */
public final class HealthCheck {
  /** The latest health-check result of the workflow, published by {@link #step(String)}. */
  public static final ContextKey<HealthCheckResult> RESULT =
      ContextKey.of("http.health-check.result", HealthCheckResult.class);

  private static final int MAX_BODY_IN_REASON = 200;

  private final URI uri;
  private final String method;
  private final Set<Integer> expectedStatuses;
  private final List<String> bodyContains;
  private final List<Pattern> bodyMatches;
  private final Duration timeout;
  private final ResponseTimeGrading grading;
  private final Map<String, String> headers;
  private final AlertLevel failAt;
  private final HttpClient client;
  private final Clock clock;

  private HealthCheck(Builder b) {
    this.uri = b.uri;
    this.method = b.method;
    this.expectedStatuses =
        Set.copyOf(b.expectedStatuses.isEmpty() ? Set.of(200) : b.expectedStatuses);
    this.bodyContains = List.copyOf(b.bodyContains);
    this.bodyMatches = List.copyOf(b.bodyMatches);
    this.timeout = b.timeout;
    this.grading = b.grading;
    this.headers = Map.copyOf(b.headers);
    this.failAt = b.failAt;
    this.client = b.client;
    this.clock = b.clock;
  }

  /**
   * Starts a builder for a check of {@code url}.
   *
   * @throws IllegalArgumentException when the URL is malformed or not http/https
   */
  public static Builder builder(String url) {
    return new Builder(HttpCalls.parseHttpUrl("health check URL", url));
  }

  /** Returns the checked URL. */
  public URI url() {
    return uri;
  }

  /** Returns the total deadline of one check. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns the level at or above which {@link #step(String)} fails. */
  public AlertLevel failAt() {
    return failAt;
  }

  /** Runs the check now; never throws for network failures, which give CRITICAL. */
  public HealthCheckResult check() throws InterruptedException {
    return check(clock.instant());
  }

  /** Runs the check, stamping the result with {@code startedAt}. */
  public HealthCheckResult check(Instant startedAt) throws InterruptedException {
    Objects.requireNonNull(startedAt, "startedAt == null");
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(rb::header);
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(client, rb.build(), HttpResponse.BodyHandlers.ofString(), timeout);
    } catch (IOException | TimeoutException e) {
      long took = System.nanoTime() - start;
      return new HealthCheckResult(
          uri.toString(),
          0,
          AlertLevel.CRITICAL,
          HttpCalls.millis(took),
          HttpCalls.describeFailure(e, uri, timeout),
          startedAt);
    }
    long took = System.nanoTime() - start;
    return grade(response.statusCode(), response.body(), Duration.ofNanos(took), startedAt);
  }

  private HealthCheckResult grade(int status, String body, Duration took, Instant startedAt) {
    double ms = HttpCalls.millis(took.toNanos());
    List<String> problems = new ArrayList<>();
    if (!expectedStatuses.contains(status)) {
      problems.add("status " + status + ", expected " + describeExpected());
    }
    for (String needle : bodyContains) {
      if (!body.contains(needle)) {
        problems.add("body does not contain '" + needle + "' (body: " + abbreviate(body) + ")");
      }
    }
    for (Pattern pattern : bodyMatches) {
      if (!pattern.matcher(body).find()) {
        problems.add("body does not match /" + pattern + "/ (body: " + abbreviate(body) + ")");
      }
    }
    if (!problems.isEmpty()) {
      return new HealthCheckResult(
          uri.toString(), status, AlertLevel.CRITICAL, ms, String.join("; ", problems), startedAt);
    }
    AlertLevel level = grading.grade(took);
    String reason;
    switch (level) {
      case CRITICAL:
        reason =
            "status "
                + status
                + " but slow: "
                + ms
                + " ms > "
                + grading.criticalAbove().toMillis()
                + " ms";
        break;
      case WARNING:
        reason =
            "status "
                + status
                + " but slow: "
                + ms
                + " ms > "
                + grading.warningAbove().toMillis()
                + " ms";
        break;
      default:
        reason = "status " + status + " in " + ms + " ms";
        break;
    }
    return new HealthCheckResult(uri.toString(), status, level, ms, reason, startedAt);
  }

  private String describeExpected() {
    List<Integer> sorted = new ArrayList<>(expectedStatuses);
    sorted.sort(null);
    return sorted.size() == 1 ? String.valueOf(sorted.get(0)) : "one of " + sorted;
  }

  private static String abbreviate(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_BODY_IN_REASON
        ? "'" + flat + "'"
        : "'" + flat.substring(0, MAX_BODY_IN_REASON) + "...'";
  }

  /**
   * Wraps the check as a blocking workflow step. The step's output is the {@link
   * HealthCheckResult}; it is also published under {@link #RESULT} and under {@link
   * HttpSteps#resultKey(String)} of the step's path, and the step fails with a {@link
   * CheckFailedException} when the level is at or above {@link Builder#failAt(AlertLevel)}. Wait
   * after a deploy with {@code step(name).delay(Duration.ofSeconds(30))}.
   */
  public WorkflowStep step(String name) {
    return WorkflowStep.task(
        name,
        ctx -> {
          HealthCheckResult result = check(ctx.now());
          ctx.put(RESULT, result);
          ctx.put(HttpSteps.resultKey(ctx.stepPath()), result);
          if (result.level().atLeast(failAt)) {
            throw new CheckFailedException(result);
          }
          return result;
        });
  }

  /**
   * Configures a {@link HealthCheck}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final URI uri;
    private String method = "GET";
    private final Set<Integer> expectedStatuses = new LinkedHashSet<>();
    private final List<String> bodyContains = new ArrayList<>();
    private final List<Pattern> bodyMatches = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(10);
    private ResponseTimeGrading grading = ResponseTimeGrading.defaults();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private AlertLevel failAt = AlertLevel.CRITICAL;
    private HttpClient client = HttpCalls.sharedClient();
    private Clock clock = Clock.systemUTC();

    private Builder(URI uri) {
      this.uri = uri;
    }

    /** Sets the HTTP method; default {@code GET}. */
    public Builder method(String method) {
      this.method = HttpCalls.checkMethod(method);
      return this;
    }

    /** Sets the statuses that count as healthy; default 200 only. */
    public Builder expectStatus(int... statuses) {
      java.util.Set<Integer> checked = HttpCalls.checkStatuses(statuses);
      expectedStatuses.clear();
      expectedStatuses.addAll(checked);
      return this;
    }

    /** Requires the body to contain {@code text}. */
    public Builder expectBodyContains(String text) {
      bodyContains.add(Objects.requireNonNull(text, "text == null"));
      return this;
    }

    /** Requires a match of {@code regex} somewhere in the body. */
    public Builder expectBodyMatches(String regex) {
      bodyMatches.add(Pattern.compile(Objects.requireNonNull(regex, "regex == null")));
      return this;
    }

    /** Sets the total deadline for the whole exchange, body included; default 10 s. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "timeout is " + timeout + ": use a positive duration such as 10s");
      }
      this.timeout = timeout;
      return this;
    }

    /** Sets the response-time grading; default 2 s WARNING, 5 s CRITICAL. */
    public Builder grading(ResponseTimeGrading grading) {
      this.grading = Objects.requireNonNull(grading, "grading == null");
      return this;
    }

    /** Adds a request header. */
    public Builder header(String name, String value) {
      HttpCalls.checkHeader(name, value);
      headers.put(name, value);
      return this;
    }

    /** Sets the level at or above which the step fails; default CRITICAL. */
    public Builder failAt(AlertLevel level) {
      this.failAt = Objects.requireNonNull(level, "level == null");
      return this;
    }

    /** Uses {@code client} instead of the shared one (for proxies or custom trust). */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** Sets the clock that stamps results of {@link HealthCheck#check()}; default UTC system. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Builds the immutable check. */
    public HealthCheck build() {
      return new HealthCheck(this);
    }
  }
}
