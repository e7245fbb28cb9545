package dev.ffe.steps.http;

import dev.ffe.steps.http.internal.HttpCalls;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One weighted request a load test's users pick, like a Locust {@code @task(weight)}: a method and
 * a path on the load test's base URL.
 *
 * <p>Immutable and thread-safe.
 */
public final class LoadTask {
  private final String name;
  private final int weight;
  private final String method;
  private final String path;
  private final Map<String, String> headers;
  private final Optional<String> body;
  private final Set<Integer> expectedStatuses;

  private LoadTask(Builder b) {
    this.name = b.name;
    this.weight = b.weight;
    this.method = b.method;
    this.path = b.path;
    this.headers = Map.copyOf(b.headers);
    this.body = b.body;
    this.expectedStatuses = Set.copyOf(b.expectedStatuses);
  }

  /**
   * Starts a builder for a task named {@code name} requesting {@code path} (e.g. {@code
   * /api/orders?limit=10}).
   *
   * @throws IllegalArgumentException when the name is blank or the path does not start with /
   */
  public static Builder builder(String name, String path) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(path, "path == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("task name is blank: give each task a name");
    }
    if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
      throw new IllegalArgumentException(
          "task '"
              + name
              + "' path '"
              + path
              + "' must start with / and contain no spaces or control characters");
    }
    return new Builder(name, path);
  }

  /** Returns a GET task of weight 1. */
  public static LoadTask get(String name, String path) {
    return builder(name, path).build();
  }

  /** Returns the task's name. */
  public String name() {
    return name;
  }

  /** Returns the task's weight relative to the other tasks. */
  public int weight() {
    return weight;
  }

  /** Returns the HTTP method. */
  public String method() {
    return method;
  }

  /** Returns the path and query. */
  public String path() {
    return path;
  }

  /** Returns the request headers. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns the request body, if any. */
  public Optional<String> body() {
    return body;
  }

  /** True if {@code status} counts as success: an expected status, or below 400 if none is set. */
  public boolean isSuccess(int status) {
    return expectedStatuses.isEmpty()
        ? status >= 200 && status < 400
        : expectedStatuses.contains(status);
  }

  /**
   * Configures a {@link LoadTask}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private final String path;
    private int weight = 1;
    private String method = "GET";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Optional<String> body = Optional.empty();
    private final Set<Integer> expectedStatuses = new LinkedHashSet<>();

    private Builder(String name, String path) {
      this.name = name;
      this.path = path;
    }

    /** Sets the weight; a task of weight 3 runs three times as often as one of weight 1. */
    public Builder weight(int weight) {
      if (weight < 1) {
        throw new IllegalArgumentException(
            "task '" + name + "' weight is " + weight + ": use 1 or more");
      }
      this.weight = weight;
      return this;
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

    /** Builds the immutable task. */
    public LoadTask build() {
      return new LoadTask(this);
    }
  }
}
