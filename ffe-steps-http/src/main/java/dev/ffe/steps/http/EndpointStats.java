package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statistics of one endpoint in an {@link ApiProbeResult}. Latencies cover every request that
 * received a response (whatever its status); requests that got no response count only as errors.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the endpoint's name
 * @param url the endpoint's URL
 * @param requests how many requests were sent
 * @param errors how many failed (no response, or a status that does not count as success)
 * @param meanMs mean latency in milliseconds
 * @param medianMs median latency
 * @param p90Ms 90th percentile latency
 * @param p95Ms 95th percentile latency
 * @param p99Ms 99th percentile latency
 * @param minMs lowest latency
 * @param maxMs highest latency
 * @param errorReasons how many errors of each kind (e.g. {@code status 500}, {@code timeout})
 * @param thresholds the outcome of each threshold that applied to this endpoint
 */
@JsonPropertyOrder({
  "name",
  "url",
  "requests",
  "errors",
  "mean_ms",
  "median_ms",
  "p90_ms",
  "p95_ms",
  "p99_ms",
  "min_ms",
  "max_ms",
  "error_reasons",
  "thresholds"
})
public record EndpointStats(
    @JsonProperty("name") String name,
    @JsonProperty("url") String url,
    @JsonProperty("requests") long requests,
    @JsonProperty("errors") long errors,
    @JsonProperty("mean_ms") double meanMs,
    @JsonProperty("median_ms") double medianMs,
    @JsonProperty("p90_ms") double p90Ms,
    @JsonProperty("p95_ms") double p95Ms,
    @JsonProperty("p99_ms") double p99Ms,
    @JsonProperty("min_ms") double minMs,
    @JsonProperty("max_ms") double maxMs,
    @JsonProperty("error_reasons") Map<String, Long> errorReasons,
    @JsonProperty("thresholds") List<ThresholdResult> thresholds) {

  /** Copies the collections and rejects nulls. */
  public EndpointStats {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(url, "url == null");
    errorReasons = Map.copyOf(errorReasons);
    thresholds = List.copyOf(thresholds);
  }

  /** Returns the metrics thresholds are evaluated on, by name. */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("requests", (double) requests);
    m.put("errors", (double) errors);
    m.put("error_rate", requests == 0 ? 0 : (double) errors / requests);
    m.put("mean", meanMs);
    m.put("median", medianMs);
    m.put("p50", medianMs);
    m.put("p90", p90Ms);
    m.put("p95", p95Ms);
    m.put("p99", p99Ms);
    m.put("min", minMs);
    m.put("max", maxMs);
    return m;
  }

  /** True if every threshold passed. */
  public boolean passed() {
    return thresholds.stream().allMatch(ThresholdResult::passed);
  }
}
