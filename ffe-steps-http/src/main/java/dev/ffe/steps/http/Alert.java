package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A notice that {@link Alerting} sends to its {@link AlertChannel}s: an alert fired, is still open
 * (a reminder), or resolved.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key identifies the alert across runs (e.g. {@code monitoring/api-health}); channels use it
 *     to find the issue or thread they opened for it
 * @param kind whether the alert fired, is reminded of, or resolved
 * @param level the level of the observation that caused this notice
 * @param source the step or check that produced the observation
 * @param message a one-line description with the measured values
 * @param values the measured values by name
 * @param at when the observation was made
 */
@JsonPropertyOrder({"key", "kind", "level", "source", "message", "values", "at"})
public record Alert(
    @JsonProperty("key") String key,
    @JsonProperty("kind") Kind kind,
    @JsonProperty("level") AlertLevel level,
    @JsonProperty("source") String source,
    @JsonProperty("message") String message,
    @JsonProperty("values") Map<String, Object> values,
    @JsonIgnore Instant at) {

  /** What a notice says about its alert. */
  public enum Kind {
    /** The alert fired: the failure threshold was reached. */
    TRIGGERED,
    /** The alert is still open after the reminder interval. */
    REMINDER,
    /** The alert resolved: the success threshold was reached. */
    RESOLVED
  }

  /** Copies the values (keeping their order) and rejects nulls. */
  public Alert {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(at, "at == null");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Returns {@link #at()} in ISO-8601, as JSON writes it. */
  @JsonProperty("at")
  String atJson() {
    return at.toString();
  }

  /** Returns a one-line title, e.g. {@code [CRITICAL] monitoring/api-health: ...}. */
  public String title() {
    String prefix = kind == Kind.RESOLVED ? "[RESOLVED] " : "[" + level + "] ";
    return prefix + source + ": " + message;
  }
}
