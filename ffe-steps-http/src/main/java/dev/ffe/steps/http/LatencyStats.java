package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ffe.steps.http.internal.Latencies;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in milliseconds, read from an HdrHistogram (three significant digits; each
 * value is the highest value equivalent to the recorded ones, so at most 0.1 % above exact).
 *
 * <p>Immutable and thread-safe.
 *
 * @param p50 median
 * @param p90 90th percentile
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max maximum
 * @param mean mean
 * @param min minimum
 */
@JsonPropertyOrder({"p50", "p90", "p95", "p99", "max", "mean", "min"})
public record LatencyStats(
    @JsonProperty("p50") double p50,
    @JsonProperty("p90") double p90,
    @JsonProperty("p95") double p95,
    @JsonProperty("p99") double p99,
    @JsonProperty("max") double max,
    @JsonProperty("mean") double mean,
    @JsonProperty("min") double min) {

  /** Returns the statistics of a histogram of microseconds; all zero when it is empty. */
  public static LatencyStats of(Histogram microseconds) {
    return new LatencyStats(
        Latencies.percentileMs(microseconds, 50),
        Latencies.percentileMs(microseconds, 90),
        Latencies.percentileMs(microseconds, 95),
        Latencies.percentileMs(microseconds, 99),
        Latencies.maxMs(microseconds),
        Latencies.meanMs(microseconds),
        Latencies.minMs(microseconds));
  }
}
