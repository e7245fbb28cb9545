package dev.ffe.steps.aws;

import dev.ffe.core.FfeException;

/**
 * Signals a backup, restore or target operation that could not be completed: a missing source, an
 * unreadable file, an unwritable or unreachable target, a corrupt archive. The message names the
 * path, archive or bucket and how to fix it; it never contains credentials.
 *
 * <p>Immutable and thread-safe.
 */
public class BackupException extends FfeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names the failing thing and the fix. */
  public BackupException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public BackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
