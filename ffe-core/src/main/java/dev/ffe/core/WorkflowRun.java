package dev.ffe.core;

import java.util.concurrent.CompletableFuture;

/**
 * A running workflow: its result future and a way to stop it.
 *
 * <p>Thread-safe.
 */
public interface WorkflowRun {

  /** Returns the workflow's name. */
  String workflowName();

  /**
   * Returns the future result. It always completes normally, with a result whose status says how
   * the run ended; cancel the run with {@link #cancel()}, not through this future.
   */
  CompletableFuture<WorkflowResult> result();

  /**
   * Cancels the run: running steps are cancelled (their futures cancelled, threads interrupted,
   * context signals set) and end CANCELLED, steps not yet started are skipped, always-run steps and
   * compensations still run, bounded by their own timeouts. Does nothing once the run has ended.
   */
  void cancel();

  /**
   * Approves the gate at {@code gate} (its step path, or its name if that is unique), recording who
   * and why. A decision made before the gate starts waits for it.
   *
   * @throws IllegalArgumentException if the workflow has no approval gate by that name
   */
  void approve(String gate, String by, String comment);

  /** Rejects the gate at {@code gate}; the gate step fails, naming {@code by} and the comment. */
  void reject(String gate, String by, String comment);

  /**
   * Returns the result tree as it stands now: ended steps with their outcome, running ones as
   * {@code running}. The journal writes this as steps end.
   */
  WorkflowResult snapshot();

  /** True once the run has ended. */
  default boolean isDone() {
    return result().isDone();
  }
}
