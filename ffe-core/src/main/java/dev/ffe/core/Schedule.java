package dev.ffe.core;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a scheduled workflow fires: a standard 5-field cron expression in a time zone (UTC by
 * default), or a fixed interval. Cron parsing and next-fire computation, daylight-saving changes
 * included, come from cron-utils.
 *
 * <p>Immutable and thread-safe.
 */
public final class Schedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String description;
  private final ExecutionTime cron;
  private final ZoneId zone;
  private final Duration interval;

  private Schedule(String description, ExecutionTime cron, ZoneId zone, Duration interval) {
    this.description = description;
    this.cron = cron;
    this.zone = zone;
    this.interval = interval;
  }

  /** Parses a 5-field cron expression evaluated in UTC, e.g. {@code 0 2 * * *} (2 AM daily). */
  public static Schedule cron(String expression) {
    return cron(expression, ZoneOffset.UTC);
  }

  /**
   * Parses a 5-field cron expression ({@code minute hour day-of-month month day-of-week}) evaluated
   * in {@code zone}.
   *
   * @throws IllegalArgumentException naming the expression, what was wrong and the accepted form
   */
  public static Schedule cron(String expression, ZoneId zone) {
    Objects.requireNonNull(expression, "expression == null");
    Objects.requireNonNull(zone, "zone == null");
    Cron parsed;
    try {
      parsed = PARSER.parse(expression.trim());
      parsed.validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid cron expression '"
              + expression
              + "': "
              + e.getMessage()
              + ". Use 5 fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12)"
              + " day-of-week (0-6, 0 = Sunday), e.g. '*/15 * * * *' or '0 3 * * 0'",
          e);
    }
    return new Schedule(
        "cron '" + expression.trim() + "' in " + zone, ExecutionTime.forCron(parsed), zone, null);
  }

  /** Returns a schedule that fires every {@code interval}, the first time one interval in. */
  public static Schedule every(Duration interval) {
    Objects.requireNonNull(interval, "interval == null");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "schedule interval is " + interval + ": use a positive duration");
    }
    return new Schedule("every " + interval, null, null, interval);
  }

  /** Returns the first fire time strictly after {@code after}, if there is one. */
  public Optional<Instant> nextAfter(Instant after) {
    Objects.requireNonNull(after, "after == null");
    if (interval != null) {
      return Optional.of(after.plus(interval));
    }
    return cron.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
  }

  /** Returns the next {@code count} fire times after {@code after}. */
  public List<Instant> nextFireTimes(Instant after, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count is " + count + ": use 0 or more");
    }
    List<Instant> out = new ArrayList<>(count);
    Instant t = after;
    for (int i = 0; i < count; i++) {
      Optional<Instant> next = nextAfter(t);
      if (next.isEmpty()) {
        break;
      }
      t = next.get();
      out.add(t);
    }
    return out;
  }

  @Override
  public String toString() {
    return description;
  }
}
