package dev.ffe.steps.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one TLS certificate check.
 *
 * <p>Immutable and thread-safe. Serializes with snake_case names; the certificate fields are absent
 * when no certificate could be read (e.g. connection refused).
 *
 * @param host the checked host
 * @param port the checked port
 * @param level INFO, WARNING (expires soon) or CRITICAL (expired, not yet valid, untrusted,
 *     unreachable)
 * @param reason why the level is what it is, in words
 * @param subject the leaf certificate's subject, if a certificate was read
 * @param issuer the leaf certificate's issuer, if a certificate was read
 * @param notBefore the start of the leaf's validity, if read
 * @param notAfter the end of the leaf's validity, if read
 * @param daysRemaining whole days from the check until {@code notAfter} (negative once expired), or
 *     0 when no certificate was read
 * @param chainLength how many certificates the server presented (0 when none were read)
 * @param checkedAt when the check ran
 */
@JsonPropertyOrder({
  "host",
  "port",
  "level",
  "reason",
  "subject",
  "issuer",
  "not_before",
  "not_after",
  "days_remaining",
  "chain_length",
  "checked_at"
})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record TlsCheckResult(
    @JsonProperty("host") String host,
    @JsonProperty("port") int port,
    @JsonProperty("level") AlertLevel level,
    @JsonProperty("reason") String reason,
    @JsonIgnore Optional<String> subject,
    @JsonIgnore Optional<String> issuer,
    @JsonIgnore Optional<Instant> notBefore,
    @JsonIgnore Optional<Instant> notAfter,
    @JsonProperty("days_remaining") long daysRemaining,
    @JsonProperty("chain_length") int chainLength,
    @JsonIgnore Instant checkedAt)
    implements CheckResult {

  /** Rejects nulls. */
  public TlsCheckResult {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(issuer, "issuer == null");
    Objects.requireNonNull(notBefore, "notBefore == null");
    Objects.requireNonNull(notAfter, "notAfter == null");
    Objects.requireNonNull(checkedAt, "checkedAt == null");
  }

  /** Returns the subject for JSON, or null to leave it out. */
  @JsonProperty("subject")
  String subjectJson() {
    return subject.orElse(null);
  }

  /** Returns the issuer for JSON, or null to leave it out. */
  @JsonProperty("issuer")
  String issuerJson() {
    return issuer.orElse(null);
  }

  /** Returns the start of validity in ISO-8601 for JSON, or null to leave it out. */
  @JsonProperty("not_before")
  String notBeforeJson() {
    return notBefore.map(Instant::toString).orElse(null);
  }

  /** Returns the end of validity in ISO-8601 for JSON, or null to leave it out. */
  @JsonProperty("not_after")
  String notAfterJson() {
    return notAfter.map(Instant::toString).orElse(null);
  }

  /** Returns the check time in ISO-8601 for JSON. */
  @JsonProperty("checked_at")
  String checkedAtJson() {
    return checkedAt.toString();
  }

  @Override
  public String summary() {
    return level + " TLS certificate " + host + ":" + port + ": " + reason;
  }

  @Override
  public Map<String, Object> measurements() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", host + ":" + port);
    notAfter.ifPresent(t -> m.put("not_after", t.toString()));
    m.put("days_remaining", daysRemaining);
    return m;
  }
}
