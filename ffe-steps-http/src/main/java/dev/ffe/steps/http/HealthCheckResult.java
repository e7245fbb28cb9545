package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one health check.
 *
 * <p>Immutable and thread-safe. Serializes with the snake_case names the command line prints.
 *
 * @param url the URL that was checked
 * @param status the HTTP status received, or 0 when no response came (refused, timeout, ...)
 * @param level INFO, WARNING or CRITICAL
 * @param latencyMs the time from sending the request to the end of the response, in milliseconds
 * @param reason why the level is what it is, in words
 * @param checkedAt when the check started, on the workflow clock
 */
@JsonPropertyOrder({"url", "status", "level", "latency_ms", "reason", "checked_at"})
public record HealthCheckResult(
    @JsonProperty("url") String url,
    @JsonProperty("status") int status,
    @JsonProperty("level") AlertLevel level,
    @JsonProperty("latency_ms") double latencyMs,
    @JsonProperty("reason") String reason,
    @JsonIgnore Instant checkedAt)
    implements CheckResult {

  /** Rejects nulls. */
  public HealthCheckResult {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(checkedAt, "checkedAt == null");
  }

  /** Returns {@link #checkedAt()} in ISO-8601, as JSON writes it. */
  @JsonProperty("checked_at")
  public String checkedAtIso() {
    return checkedAt.toString();
  }

  /** True if a response arrived (whatever its status). */
  @JsonIgnore
  public boolean responded() {
    return status > 0;
  }

  @Override
  public String summary() {
    return level + " health check " + url + ": " + reason;
  }

  @Override
  public Map<String, Object> measurements() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", url);
    m.put("status", status);
    m.put("latency_ms", latencyMs);
    return m;
  }
}
