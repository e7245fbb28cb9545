package dev.ffe.steps.http;

import dev.ffe.core.FfeException;
import java.util.Objects;

/**
 * Thrown when an {@link AlertChannel} could not deliver a notice. The message names the channel and
 * the cause and never contains a token.
 *
 * <p>Immutable and thread-safe.
 */
public class AlertDeliveryException extends FfeException {
  private static final long serialVersionUID = 1L;

  private final String channel;

  /** Creates an exception for {@code channel}. */
  public AlertDeliveryException(String channel, String message) {
    super(Objects.requireNonNull(channel, "channel == null") + ": " + message);
    this.channel = channel;
  }

  /** Creates an exception for {@code channel} with the failure that caused it. */
  public AlertDeliveryException(String channel, String message, Throwable cause) {
    super(Objects.requireNonNull(channel, "channel == null") + ": " + message, cause);
    this.channel = channel;
  }

  /** Returns the name of the channel that failed. */
  public String channel() {
    return channel;
  }
}
