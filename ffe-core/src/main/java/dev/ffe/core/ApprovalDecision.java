package dev.ffe.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A decision at an approval gate: who decided, what, why and when (on the workflow clock).
 *
 * @param approved true if approved
 * @param by who decided ({@code "timeout"} when the gate's default applied)
 * @param comment why, may be empty
 * @param decidedAt when, on the workflow clock
 */
public record ApprovalDecision(
    boolean approved, String by, String comment, @JsonProperty("decided_at") Instant decidedAt) {

  /** Checks the fields. */
  public ApprovalDecision {
    Objects.requireNonNull(by, "by == null");
    Objects.requireNonNull(comment, "comment == null");
    Objects.requireNonNull(decidedAt, "decidedAt == null");
    if (by.isBlank()) {
      throw new IllegalArgumentException("an approval decision needs who made it ('by')");
    }
  }
}
