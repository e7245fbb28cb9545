package dev.ffe.steps.git;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * The kind of release a set of commits calls for, ordered from none to major.
 *
 * <p>Immutable and thread-safe.
 */
public enum ReleaseType {
  /** No release: nothing user-visible changed. */
  NONE,
  /** A patch release ({@code 1.2.3 -> 1.2.4}): bug fixes. */
  PATCH,
  /** A minor release ({@code 1.2.3 -> 1.3.0}): new features. */
  MINOR,
  /** A major release ({@code 1.2.3 -> 2.0.0}): breaking changes. */
  MAJOR;

  /**
   * Parses {@code major}, {@code minor}, {@code patch} or {@code none}, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ReleaseType parse(String text) {
    Objects.requireNonNull(text, "text == null");
    for (ReleaseType type : values()) {
      if (type.name().equalsIgnoreCase(text.trim())) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "release type '" + text + "' is not one of major, minor, patch, none");
  }

  /** Returns the larger of this type and {@code other}. */
  public ReleaseType max(ReleaseType other) {
    Objects.requireNonNull(other, "other == null");
    return compareTo(other) >= 0 ? this : other;
  }

  /** Returns the lower-case name used in JSON and workflow files, e.g. {@code minor}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
