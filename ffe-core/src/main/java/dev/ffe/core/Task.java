package dev.ffe.core;

/**
 * The blocking work of a leaf step. The engine runs it on the workflow's executor and interrupts
 * its thread on timeout or cancellation, so blocking calls ({@code Process.waitFor}, socket reads,
 * {@code HttpClient.send}) end promptly.
 *
 * <p>Under the test executor a task runs on the test thread and virtual time stands still while it
 * runs; to wait in virtual time, use {@link WorkflowStep#delay(java.time.Duration)} or an async
 * {@link StepAction} with {@link StepContext#sleep(java.time.Duration)}.
 */
@FunctionalInterface
public interface Task {

  /** Does the work and returns the step's output, or {@code null} for none. */
  Object run(StepContext context) throws Exception;
}
