package dev.ffe.steps.aws;

import java.util.List;
import java.util.Objects;

/**
 * Signals that an archive failed verification: its checksum, an entry or its manifest does not
 * match. {@link #result()} lists every problem found.
 *
 * <p>Immutable and thread-safe.
 */
public final class BackupVerificationException extends BackupException {
  private static final long serialVersionUID = 1L;
  private final transient VerifyResult result;

  /** Creates an exception for a failed verification. */
  public BackupVerificationException(VerifyResult result) {
    super(message(Objects.requireNonNull(result, "result == null")));
    this.result = result;
  }

  private static String message(VerifyResult result) {
    List<String> problems = result.problems();
    String first = problems.isEmpty() ? "unknown problem" : problems.get(0);
    String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
    return "backup " + result.archive() + " failed verification: " + first + more;
  }

  /** Returns the verification result with all problems. */
  public VerifyResult result() {
    return result;
  }
}
