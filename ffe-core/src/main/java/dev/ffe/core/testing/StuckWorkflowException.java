package dev.ffe.core.testing;

import dev.ffe.core.FfeException;
import java.util.List;

/**
 * Thrown by the test executor when a run can never finish in virtual time: no work is runnable, no
 * timer is pending, and steps are still waiting (typically on something outside the executor).
 */
public final class StuckWorkflowException extends FfeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> waitingSteps;

  StuckWorkflowException(String workflowName, List<String> waitingSteps) {
    super(
        "workflow '"
            + workflowName
            + "' is stuck: no work is runnable and no timer is pending, but these steps are still"
            + " waiting: "
            + waitingSteps
            + ". An action is waiting on something outside the test executor: complete it from"
            + " the test, fake it with FakeAction, or give the step a timeout");
    this.waitingSteps = List.copyOf(waitingSteps);
  }

  /** Returns the paths of the steps that were still running. */
  public List<String> waitingSteps() {
    return waitingSteps;
  }
}
