package dev.ffe.core;

/**
 * When a step runs relative to the outcome of the siblings declared before it (in a parallel group:
 * all the other siblings). Named after Airflow's trigger rules.
 */
public enum Trigger {
  /** Runs only if nothing before it has failed the group (the default). */
  ALL_SUCCESS,
  /**
   * Runs whatever happened before it: success, failure, timeout or cancellation, like {@code
   * finally}. For notify, cleanup, releasing a lock.
   */
  ALWAYS,
  /** Runs only if something before it failed the group (Airflow's {@code one_failed}). */
  ON_FAILURE
}
