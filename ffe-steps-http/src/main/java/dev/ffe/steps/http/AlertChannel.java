package dev.ffe.steps.http;

/**
 * Where {@link Alerting} sends notices: a webhook, a GitHub issue, a log, or anything a user
 * implements.
 *
 * <p>Implementations must be thread-safe.
 */
public interface AlertChannel {

  /** Returns a short name for results and logs, e.g. {@code webhook} or {@code github}. */
  String name();

  /**
   * Delivers {@code alert}.
   *
   * @throws dev.ffe.core.FfeException when delivery failed, with a message that names the channel
   *     and the cause but never a secret
   */
  void send(Alert alert);
}
