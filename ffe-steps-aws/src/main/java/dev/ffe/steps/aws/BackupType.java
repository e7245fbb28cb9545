package dev.ffe.steps.aws;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The kind of a backup: a full copy, or the changes since the previous backup of its chain.
 *
 * <p>Immutable and thread-safe.
 */
public enum BackupType {
  /** Every selected file. */
  FULL,
  /** Only what was added, changed or deleted since the previous backup in the chain. */
  INCREMENTAL;

  /**
   * Returns the lower-case label used in archive names and JSON: {@code full}, {@code incremental}.
   */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the type for a label ({@code full} or {@code incremental}, any case).
   *
   * @throws IllegalArgumentException naming the accepted labels
   */
  @JsonCreator
  public static BackupType fromLabel(String label) {
    for (BackupType type : values()) {
      if (type.label().equalsIgnoreCase(label)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown backup type '" + label + "': use 'full' or 'incremental'");
  }
}
