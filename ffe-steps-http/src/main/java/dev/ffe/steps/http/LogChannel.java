package dev.ffe.steps.http;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes notices to an slf4j logger: CRITICAL as error, WARNING as warn, resolved and INFO as info.
 *
 * <p>Immutable and thread-safe.
 */
public final class LogChannel implements AlertChannel {
  private final Logger logger;

  private LogChannel(Logger logger) {
    this.logger = logger;
  }

  /** Returns a channel logging to {@code dev.ffe.steps.http.alerts}. */
  public static LogChannel create() {
    return new LogChannel(LoggerFactory.getLogger("dev.ffe.steps.http.alerts"));
  }

  /** Returns a channel logging to the named logger. */
  public static LogChannel to(String loggerName) {
    return new LogChannel(
        LoggerFactory.getLogger(Objects.requireNonNull(loggerName, "loggerName == null")));
  }

  @Override
  public String name() {
    return "log";
  }

  @Override
  public void send(Alert alert) {
    Objects.requireNonNull(alert, "alert == null");
    String line = "{} {} (key {}, values {})";
    Object[] args = {alert.kind(), alert.title(), alert.key(), alert.values()};
    if (alert.kind() == Alert.Kind.RESOLVED || alert.level() == AlertLevel.INFO) {
      logger.info(line, args);
    } else if (alert.level() == AlertLevel.WARNING) {
      logger.warn(line, args);
    } else {
      logger.error(line, args);
    }
  }
}
