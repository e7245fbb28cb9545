package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/**
 * The statistics of one task in a {@link LoadTestReport}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the task's name
 * @param weight the task's weight
 * @param requests requests completed (with a response or an error)
 * @param errors requests that failed or got a status that is not a success
 * @param errorRate errors divided by requests (0 when none)
 * @param latencyMs latency percentiles of requests that got a response
 * @param errorReasons errors by kind, e.g. {@code status 503}, {@code timeout}, {@code connection
 *     reset}
 */
@JsonPropertyOrder({
  "name",
  "weight",
  "requests",
  "errors",
  "error_rate",
  "latency_ms",
  "error_reasons"
})
public record TaskStats(
    @JsonProperty("name") String name,
    @JsonProperty("weight") int weight,
    @JsonProperty("requests") long requests,
    @JsonProperty("errors") long errors,
    @JsonProperty("error_rate") double errorRate,
    @JsonProperty("latency_ms") LatencyStats latencyMs,
    @JsonProperty("error_reasons") Map<String, Long> errorReasons) {

  /** Copies the map and rejects nulls. */
  public TaskStats {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(latencyMs, "latencyMs == null");
    errorReasons = Map.copyOf(errorReasons);
  }
}
