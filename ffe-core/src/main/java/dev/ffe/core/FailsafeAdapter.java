package dev.ffe.core;

import dev.failsafe.FailsafeExecutor;
import java.util.Objects;

/**
 * Runs a step's action under a Failsafe policy the service already has. Needs {@code
 * dev.failsafe:failsafe} on the class path (an optional dependency of ffe-core).
 *
 * <p>Failsafe's timeouts and jitter use real time and {@code Math.random}, so a step run this way
 * is not deterministic under the test executor; prefer FFE's own {@link WorkflowStep#retries(int)}
 * where you can.
 */
public final class FailsafeAdapter {
  private FailsafeAdapter() {}

  /** Returns an action that runs {@code action} through {@code failsafe.getStageAsync}. */
  public static StepAction wrap(FailsafeExecutor<Object> failsafe, StepAction action) {
    Objects.requireNonNull(failsafe, "failsafe == null");
    Objects.requireNonNull(action, "action == null");
    return ctx -> failsafe.getStageAsync(() -> cast(action.execute(ctx)));
  }

  @SuppressWarnings("unchecked")
  private static java.util.concurrent.CompletionStage<Object> cast(
      java.util.concurrent.CompletionStage<?> stage) {
    return (java.util.concurrent.CompletionStage<Object>) stage;
  }
}
