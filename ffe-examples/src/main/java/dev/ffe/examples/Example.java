package dev.ffe.examples;

import dev.ffe.core.WorkflowStep;

/**
 * One runnable example workflow together with the demo resources it runs against (a loopback HTTP
 * service, a data directory, a git repository). Closing it stops and releases those resources; the
 * working directory it was opened with is left for the caller to inspect or delete.
 *
 * <p>Implementations are thread-safe: {@link #workflow()} returns an immutable tree.
 */
public interface Example extends AutoCloseable {

  /** Returns the workflow's name, as {@code ffe run --workflow NAME} takes it. */
  String name();

  /** Returns a one-line description for {@code ffe list}. */
  String description();

  /** Returns the workflow, ready to run with any executor. */
  WorkflowStep workflow();

  /** Stops the demo resources; calling it twice is harmless. */
  @Override
  void close();
}
