package dev.ffe.steps.git;

import dev.ffe.core.FfeException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reports a release failure the caller can act on: not a repository, no commits, an unknown ref, a
 * tag that already exists, a dirty work tree. The message says what happened and how to fix it.
 *
 * <p>Immutable and thread-safe.
 */
public class GitReleaseException extends FfeException {
  private static final long serialVersionUID = 1L;

  /** The repository the failure is about, as a string (kept serializable). */
  private final String repository;

  /** Creates an exception about {@code repository}. */
  public GitReleaseException(Path repository, String message) {
    super(message);
    this.repository = Objects.requireNonNull(repository, "repository == null").toString();
  }

  /** Creates an exception about {@code repository} with the failure that caused it. */
  public GitReleaseException(Path repository, String message, Throwable cause) {
    super(message, cause);
    this.repository = Objects.requireNonNull(repository, "repository == null").toString();
  }

  /** Returns the repository directory the failure is about. */
  public Path repository() {
    return Path.of(repository);
  }
}
