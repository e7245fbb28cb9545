package dev.ffe.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads and writes durations the way FFE's configuration and results do: {@code 500ms}, {@code
 * 10s}, {@code 2m}, {@code 1h}, and seconds as decimal numbers in JSON.
 */
public final class Durations {
  private Durations() {}

  /** Returns the duration in seconds with millisecond precision, as the result JSON writes it. */
  public static double seconds(Duration duration) {
    return Math.round(duration.toNanos() / 1_000_000.0) / 1000.0;
  }

  /** Returns the duration for a number of seconds. */
  public static Duration ofSeconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1_000_000_000.0));
  }

  /**
   * Parses {@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} or an ISO-8601 duration
   * such as {@code PT30S}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text == null");
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(text.trim());
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      switch (t.charAt(t.length() - 1)) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        case 'd':
          return Duration.ofDays(n);
        default:
          break;
      }
    } catch (RuntimeException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a duration: write it like 500ms, 10s, 2m, 1h, 1d or PT30S");
  }
}
