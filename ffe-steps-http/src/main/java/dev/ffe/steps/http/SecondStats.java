package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of a load test's per-second time series.
 *
 * <p>Immutable and thread-safe.
 *
 * @param second seconds since the start at the end of this interval (the last may be partial)
 * @param requests requests completed in the interval
 * @param errors errors in the interval
 * @param p50 median latency of the interval, milliseconds
 * @param p95 95th percentile latency of the interval
 * @param p99 99th percentile latency of the interval
 * @param max maximum latency of the interval
 * @param users active users (closed model) or open connections (open model) at the interval's end
 */
@JsonPropertyOrder({"second", "requests", "errors", "p50", "p95", "p99", "max", "users"})
public record SecondStats(
    @JsonProperty("second") double second,
    @JsonProperty("requests") long requests,
    @JsonProperty("errors") long errors,
    @JsonProperty("p50") double p50,
    @JsonProperty("p95") double p95,
    @JsonProperty("p99") double p99,
    @JsonProperty("max") double max,
    @JsonProperty("users") int users) {}
