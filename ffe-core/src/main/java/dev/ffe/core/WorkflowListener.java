package dev.ffe.core;

import java.time.Duration;

/**
 * Hears what a run does, for metrics, progress displays and audit logs. Every method has an empty
 * default. A listener that throws is logged and ignored: it never breaks a run.
 *
 * <p>Methods may be called from several threads at once (parallel steps); implementations must be
 * thread-safe.
 */
public interface WorkflowListener {

  /** Called when a run starts. */
  default void workflowStarted(String workflowName) {}

  /** Called once when a run ends, with its result. */
  default void workflowFinished(WorkflowResult result) {}

  /** Called when an attempt of a step starts ({@code attempt} counts from 1). */
  default void stepStarted(String workflowName, String path, int attempt) {}

  /** Called when a step ends, whatever its status. */
  default void stepFinished(String workflowName, StepResult result) {}

  /** Called when a failed attempt will be retried after {@code delay}. */
  default void stepRetrying(
      String workflowName, String path, int nextAttempt, Duration delay, Throwable failure) {}

  /** Called when a step is skipped, with the reason. */
  default void stepSkipped(String workflowName, String path, String reason) {}
}
