package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of an {@link ApiProbe}: statistics per endpoint, in the order the endpoints were
 * given.
 *
 * <p>Immutable and thread-safe.
 *
 * @param endpoints statistics per endpoint
 * @param level CRITICAL when a threshold broke, WARNING when requests failed without breaking a
 *     threshold, INFO otherwise
 * @param passed true when every threshold passed
 * @param startedAt when the probe started
 */
@JsonPropertyOrder({"passed", "level", "started_at", "endpoints"})
public record ApiProbeResult(
    @JsonProperty("endpoints") List<EndpointStats> endpoints,
    @JsonProperty("level") AlertLevel level,
    @JsonProperty("passed") boolean passed,
    @JsonIgnore Instant startedAt)
    implements CheckResult {

  /** Copies the list and rejects nulls. */
  public ApiProbeResult {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
  }

  /** Returns the start time in ISO-8601 for JSON. */
  @JsonProperty("started_at")
  String startedAtJson() {
    return startedAt.toString();
  }

  /** Returns the statistics of the endpoint named {@code name}. */
  public java.util.Optional<EndpointStats> endpoint(String name) {
    return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Returns every threshold that broke, across endpoints. */
  public List<ThresholdResult> failedThresholds() {
    return endpoints.stream()
        .flatMap(e -> e.thresholds().stream().filter(t -> !t.passed()))
        .collect(Collectors.toUnmodifiableList());
  }

  @Override
  public String summary() {
    StringBuilder sb = new StringBuilder(level + " API probe: ");
    if (passed) {
      sb.append("all thresholds met");
    } else {
      sb.append("thresholds broken: ");
      boolean first = true;
      for (EndpointStats e : endpoints) {
        for (ThresholdResult t : e.thresholds()) {
          if (!t.passed()) {
            sb.append(first ? "" : "; ").append(e.name()).append(": ").append(t.message());
            first = false;
          }
        }
      }
    }
    long errors = endpoints.stream().mapToLong(EndpointStats::errors).sum();
    if (errors > 0) {
      sb.append(" (").append(errors).append(" failed requests)");
    }
    return sb.toString();
  }

  @Override
  public Map<String, Object> measurements() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (EndpointStats e : endpoints) {
      m.put(e.name() + ".p95_ms", e.p95Ms());
      m.put(e.name() + ".errors", e.errors());
    }
    return m;
  }
}
