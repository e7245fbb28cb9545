package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Alerting} made of one observation: the alert's state afterwards, the notice it sent
 * if any, and the channels that failed to deliver it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the alert's key
 * @param level the observed level
 * @param open whether the alert is open after this observation
 * @param consecutiveFailures failures in a row so far
 * @param consecutiveSuccesses successes in a row so far
 * @param notice the notice sent, if one was due
 * @param failedChannels the channels that could not deliver the notice, with their messages
 */
@JsonPropertyOrder({
  "key",
  "level",
  "open",
  "consecutive_failures",
  "consecutive_successes",
  "notice",
  "failed_channels"
})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record AlertOutcome(
    @JsonProperty("key") String key,
    @JsonProperty("level") AlertLevel level,
    @JsonProperty("open") boolean open,
    @JsonProperty("consecutive_failures") int consecutiveFailures,
    @JsonProperty("consecutive_successes") int consecutiveSuccesses,
    @JsonIgnore Optional<Alert.Kind> notice,
    @JsonProperty("failed_channels") List<String> failedChannels) {

  /** Copies the list and rejects nulls. */
  public AlertOutcome {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(notice, "notice == null");
    failedChannels = List.copyOf(failedChannels);
  }

  /** Returns the notice for JSON, or null to leave it out. */
  @JsonProperty("notice")
  Alert.Kind noticeJson() {
    return notice.orElse(null);
  }
}
