package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The outcome of one {@link Threshold} against a measured value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the threshold as written
 * @param metric the metric's name
 * @param measured the measured value, in the metric's unit
 * @param limit the limit, in the metric's unit
 * @param passed whether the measured value satisfied the threshold
 * @param message e.g. {@code p95 was 612.300 ms, breaking < 500 ms}
 */
@JsonPropertyOrder({"threshold", "metric", "measured", "limit", "passed", "message"})
public record ThresholdResult(
    @JsonProperty("threshold") String threshold,
    @JsonProperty("metric") String metric,
    @JsonProperty("measured") double measured,
    @JsonProperty("limit") double limit,
    @JsonProperty("passed") boolean passed,
    @JsonProperty("message") String message) {

  /** Rejects nulls. */
  public ThresholdResult {
    Objects.requireNonNull(threshold, "threshold == null");
    Objects.requireNonNull(metric, "metric == null");
    Objects.requireNonNull(message, "message == null");
  }
}
