package dev.ffe.core;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a step's action under a resilience4j {@link Retry} and optionally a {@link TimeLimiter} the
 * service already configures. Needs resilience4j-retry (and resilience4j-timelimiter for the time
 * limit) on the class path; both are optional dependencies of ffe-core.
 *
 * <p>resilience4j waits on real time, so a step run this way is not deterministic under the test
 * executor; prefer FFE's own retries where you can.
 */
public final class Resilience4jAdapter {
  private Resilience4jAdapter() {}

  /** Returns an action retried by {@code retry}, its delays scheduled on {@code scheduler}. */
  public static StepAction wrap(
      Retry retry, ScheduledExecutorService scheduler, StepAction action) {
    Objects.requireNonNull(retry, "retry == null");
    Objects.requireNonNull(scheduler, "scheduler == null");
    Objects.requireNonNull(action, "action == null");
    return ctx -> retry.executeCompletionStage(scheduler, () -> call(action, ctx));
  }

  /**
   * Returns an action whose every attempt is limited by {@code limiter} and retried by {@code
   * retry}.
   */
  public static StepAction wrap(
      Retry retry, TimeLimiter limiter, ScheduledExecutorService scheduler, StepAction action) {
    Objects.requireNonNull(limiter, "limiter == null");
    Objects.requireNonNull(action, "action == null");
    StepAction limited =
        ctx ->
            limiter.executeCompletionStage(
                scheduler, () -> call(action, ctx).toCompletableFuture());
    return wrap(retry, scheduler, limited);
  }

  @SuppressWarnings("unchecked")
  private static CompletionStage<Object> call(StepAction action, StepContext ctx) {
    try {
      return (CompletionStage<Object>) action.execute(ctx);
    } catch (Exception e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }
}
