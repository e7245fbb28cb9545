package dev.ffe.steps.http;

import dev.ffe.core.FfeException;
import java.util.Objects;

/**
 * Thrown by a check's step when its result is at or above the level that fails the step; carries
 * the result so that a retry policy, a listener or an alert step can still read it.
 *
 * <p>Immutable and thread-safe.
 */
public class CheckFailedException extends FfeException {
  private static final long serialVersionUID = 1L;

  /** The result; transient because results are not meant for Java serialization. */
  private final transient CheckResult result;

  /** Creates an exception whose message is the result's summary. */
  public CheckFailedException(CheckResult result) {
    super(Objects.requireNonNull(result, "result == null").summary());
    this.result = result;
  }

  /** Returns the result that failed the step. */
  public CheckResult result() {
    return result;
  }
}
