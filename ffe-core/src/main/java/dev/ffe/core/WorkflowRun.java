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

  /** True once the run has ended. */
  default boolean isDone() {
    return result().isDone();
  }
}
