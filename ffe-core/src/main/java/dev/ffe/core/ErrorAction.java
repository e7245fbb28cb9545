package dev.ffe.core;

/**
 * What a failure of a step (after its retries) does to its parent. See the semantics table in the
 * README for every combination.
 */
public enum ErrorAction {
  /**
   * The failure fails the parent: later siblings are skipped, running parallel siblings cancelled.
   */
  FAIL,
  /** The failure is recorded and the parent carries on as if the step had succeeded. */
  CONTINUE,
  /**
   * The step is retried ({@link WorkflowStep#DEFAULT_RETRIES_ON_RETRY} times unless {@link
   * WorkflowStep#retries(int)} says otherwise); when retries run out it fails the parent like
   * {@link #FAIL}.
   */
  RETRY
}
