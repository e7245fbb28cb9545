package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One point of a load test's latency distribution: the latency at or below which {@code percentile}
 * per cent of the requests answered.
 *
 * <p>Immutable and thread-safe.
 *
 * @param percentile from 0 (the minimum) to 100 (the maximum)
 * @param latencyMs the latency at that percentile, milliseconds
 */
@JsonPropertyOrder({"percentile", "latency_ms"})
public record LatencyPercentile(
    @JsonProperty("percentile") double percentile, @JsonProperty("latency_ms") double latencyMs) {

  /** Rejects a percentile outside 0..100. */
  public LatencyPercentile {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException(
          "percentile is " + percentile + ": use a number from 0 to 100");
    }
  }
}
