package dev.ffe.steps.http;

import dev.ffe.steps.http.internal.HttpCalls;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One endpoint an {@link ApiProbe} measures: a named request and the thresholds its statistics must
 * meet.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiEndpoint {
  /** Metrics an endpoint threshold may name. */
  public static final Set<String> METRICS =
      Set.of(
          "p50",
          "p90",
          "p95",
          "p99",
          "max",
          "min",
          "mean",
          "median",
          "errors",
          "error_rate",
          "requests");

  private final String name;
  private final URI uri;
  private final String method;
  private final Map<String, String> headers;
  private final Optional<String> body;
  private final Set<Integer> expectedStatuses;
  private final List<Threshold> thresholds;

  private ApiEndpoint(Builder b) {
    this.name = b.name;
    this.uri = b.uri;
    this.method = b.method;
    this.headers = Map.copyOf(b.headers);
    this.body = b.body;
    this.expectedStatuses = Set.copyOf(b.expectedStatuses);
    this.thresholds = List.copyOf(b.thresholds);
  }

  /**
   * Starts a builder for an endpoint named {@code name} at {@code url}.
   *
   * @throws IllegalArgumentException when the name is blank or the URL malformed
   */
  public static Builder builder(String name, String url) {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("endpoint name is blank: give each endpoint a name");
    }
    return new Builder(name, HttpCalls.parseHttpUrl("endpoint '" + name + "' URL", url));
  }

  /** Returns a GET endpoint with no thresholds. */
  public static ApiEndpoint get(String name, String url) {
    return builder(name, url).build();
  }

  /** Returns the endpoint's name. */
  public String name() {
    return name;
  }

  /** Returns the endpoint's URL. */
  public URI uri() {
    return uri;
  }

  /** Returns the HTTP method. */
  public String method() {
    return method;
  }

  /** Returns the request headers. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns the request body, if any. */
  public Optional<String> body() {
    return body;
  }

  /** Returns the statuses that count as success; empty means any status below 400. */
  public Set<Integer> expectedStatuses() {
    return expectedStatuses;
  }

  /** True if {@code status} counts as a success. */
  public boolean isSuccess(int status) {
    return expectedStatuses.isEmpty()
        ? status >= 200 && status < 400
        : expectedStatuses.contains(status);
  }

  /** Returns the endpoint's own thresholds. */
  public List<Threshold> thresholds() {
    return thresholds;
  }

  /**
   * Configures an {@link ApiEndpoint}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private final URI uri;
    private String method = "GET";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Optional<String> body = Optional.empty();
    private final Set<Integer> expectedStatuses = new LinkedHashSet<>();
    private final List<Threshold> thresholds = new ArrayList<>();

    private Builder(String name, URI uri) {
      this.name = name;
      this.uri = uri;
    }

    /** Sets the method; default GET. */
    public Builder method(String method) {
      this.method = HttpCalls.checkMethod(method);
      return this;
    }

    /** Adds a request header. */
    public Builder header(String name, String value) {
      HttpCalls.checkHeader(name, value);
      headers.put(name, value);
      return this;
    }

    /** Sets the request body (sent as UTF-8). */
    public Builder body(String body) {
      this.body = Optional.of(Objects.requireNonNull(body, "body == null"));
      return this;
    }

    /** Sets the statuses that count as success; default any status below 400. */
    public Builder expectStatus(int... statuses) {
      java.util.Set<Integer> checked = HttpCalls.checkStatuses(statuses);
      expectedStatuses.clear();
      expectedStatuses.addAll(checked);
      return this;
    }

    /**
     * Adds a threshold such as {@code p95<500ms} that fails the probe when broken.
     *
     * @throws IllegalArgumentException when the threshold is malformed or names a metric an
     *     endpoint does not measure
     */
    public Builder threshold(String threshold) {
      Threshold t = Threshold.parse(threshold);
      Threshold.requireSupported(List.of(t), METRICS, "endpoint '" + name + "'");
      thresholds.add(t);
      return this;
    }

    /** Builds the immutable endpoint. */
    public ApiEndpoint build() {
      return new ApiEndpoint(this);
    }
  }
}
