package dev.ffe.core;

/** The root of the exceptions FFE throws for failures a caller can act on. */
public class FfeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what went wrong and how to fix it. */
  public FfeException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public FfeException(String message, Throwable cause) {
    super(message, cause);
  }
}
