package dev.ffe.steps.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How long backups are kept, per type. A backup expires when the time in its name is older than its
 * type's age limit; an expired backup is still kept while a kept incremental depends on it, and the
 * newest {@link #keepLatestFulls()} full backups are never deleted, so a series that stops
 * producing new backups never loses its last restore point.
 *
 * <p>Immutable and thread-safe.
 *
 * @param incrementals how long incremental backups are kept (default 30 days)
 * @param fulls how long full backups are kept (default 90 days)
 * @param keepLatestFulls how many of the newest full backups are always kept (default 1)
 */
public record RetentionPolicy(Duration incrementals, Duration fulls, int keepLatestFulls) {

  /** Rejects nulls, negative ages and a negative count. */
  public RetentionPolicy {
    Objects.requireNonNull(incrementals, "incrementals == null");
    Objects.requireNonNull(fulls, "fulls == null");
    if (incrementals.isNegative() || fulls.isNegative()) {
      throw new IllegalArgumentException(
          "retention ages must not be negative: got incrementals "
              + incrementals
              + ", fulls "
              + fulls);
    }
    if (keepLatestFulls < 0) {
      throw new IllegalArgumentException(
          "keepLatestFulls must be 0 or more, got " + keepLatestFulls);
    }
  }

  /** Returns the defaults: incrementals 30 days, fulls 90 days, always keep the newest full. */
  public static RetentionPolicy defaults() {
    return new RetentionPolicy(Duration.ofDays(30), Duration.ofDays(90), 1);
  }

  /** Returns a copy that keeps incrementals for {@code age}. */
  public RetentionPolicy withIncrementals(Duration age) {
    return new RetentionPolicy(age, fulls, keepLatestFulls);
  }

  /** Returns a copy that keeps fulls for {@code age}. */
  public RetentionPolicy withFulls(Duration age) {
    return new RetentionPolicy(incrementals, age, keepLatestFulls);
  }

  /** Returns a copy that always keeps the newest {@code count} fulls. */
  public RetentionPolicy withKeepLatestFulls(int count) {
    return new RetentionPolicy(incrementals, fulls, count);
  }

  /** Returns the age limit for backups of {@code type}. */
  public Duration maxAge(BackupType type) {
    return type == BackupType.FULL ? fulls : incrementals;
  }
}
