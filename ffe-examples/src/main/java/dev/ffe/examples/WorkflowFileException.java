package dev.ffe.examples;

import dev.ffe.core.FfeException;
import java.util.Objects;

/**
 * Thrown when a workflow file cannot be turned into a workflow: bad syntax, an unknown field or
 * action type, a value of the wrong kind, or a missing environment variable. The message starts
 * with {@code file:line:column:} so editors and terminals can jump to the spot.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkflowFileException extends FfeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param file the file name as the user gave it
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param problem what is wrong and how to fix it
   */
  public WorkflowFileException(String file, int line, int column, String problem) {
    super(
        Objects.requireNonNull(file, "file == null") + ":" + line + ":" + column + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = Objects.requireNonNull(problem, "problem == null");
  }

  /** Returns the file name as the user gave it. */
  public String file() {
    return file;
  }

  /** Returns the 1-based line of the problem (0 when unknown). */
  public int line() {
    return line;
  }

  /** Returns the 1-based column of the problem (0 when unknown). */
  public int column() {
    return column;
  }

  /** Returns the problem without the location prefix. */
  public String problem() {
    return problem;
  }
}
