package dev.ffe.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A value that must never appear in logs, results, JSON or exception messages: tokens, passwords,
 * access keys. {@link #toString()} and JSON serialization print {@code ****}; only {@link
 * #reveal()} gives the value, for the one call that needs it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {
  private static final String MASK = "****";
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a secret value; it must not be null. */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "secret value == null"));
  }

  /** Returns the secret itself. Call it only where the value is sent, never to log it. */
  public String reveal() {
    return value;
  }

  /** Replaces every occurrence of this secret in {@code text} with {@code ****}. */
  public String redact(String text) {
    return value.isEmpty() || text == null ? text : text.replace(value, MASK);
  }

  /** Returns {@code ****}. */
  @JsonValue
  @Override
  public String toString() {
    return MASK;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
