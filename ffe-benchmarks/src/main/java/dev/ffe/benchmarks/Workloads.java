package dev.ffe.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.ffe.core.Backoff;
import dev.ffe.core.StepAction;
import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowStep;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Builds the workflows and the peer calls the benchmarks run, so every benchmark measures the same
 * no-op work through a different harness.
 *
 * <p>Stateless and thread-safe; the objects it returns are documented one by one.
 */
public final class Workloads {
  /** The failure of a flaky call: preallocated and stackless, so no harness pays for a trace. */
  static final RuntimeException FLAKY_FAILURE = new FlakyFailure();

  /** Attempts of a flaky call: it fails twice, then succeeds. */
  static final int FLAKY_ATTEMPTS = 3;

  private Workloads() {}

  /** Returns a no-op call: an already completed stage, as a cached lookup would return. */
  public static CompletableFuture<Object> noopCall() {
    return CompletableFuture.completedFuture(null);
  }

  /** Returns an action that completes at once with no output. */
  public static StepAction noopAction() {
    return ctx -> noopCall();
  }

  /** Returns an action that fails its first two attempts and completes on the third. */
  public static StepAction flakyAction() {
    return ctx ->
        ctx.attempt() < FLAKY_ATTEMPTS ? CompletableFuture.failedFuture(FLAKY_FAILURE) : noopCall();
  }

  /** Returns a sequential group of {@code n} no-op action steps. */
  public static WorkflowStep sequentialNoops(int n) {
    return WorkflowStep.sequential("chain", leaves(n, noopAction(), false));
  }

  /** Returns a parallel group of {@code n} no-op action steps. */
  public static WorkflowStep parallelNoops(int n) {
    return WorkflowStep.parallel("fan-out", leaves(n, noopAction(), false));
  }

  /**
   * Returns a sequential group of {@code n} steps that each fail twice and succeed on their third
   * attempt, retried with no wait.
   */
  public static WorkflowStep sequentialFlaky(int n) {
    return WorkflowStep.sequential("flaky-chain", leaves(n, flakyAction(), true));
  }

  private static List<WorkflowStep> leaves(int n, StepAction action, boolean retried) {
    List<WorkflowStep> steps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      WorkflowStep step = WorkflowStep.action("s" + i, action);
      steps.add(retried ? step.retries(FLAKY_ATTEMPTS - 1).backoff(Backoff.NONE) : step);
    }
    return steps;
  }

  /**
   * Returns an executor that runs steps on the calling thread, so a benchmark sees the engine's own
   * cost and no thread hand-offs.
   */
  public static WorkflowExecutor sameThreadExecutor() {
    return WorkflowExecutor.builder().executor(Runnable::run).seed(1L).build();
  }

  /** Returns an executor with the engine's default thread pool and a fixed jitter seed. */
  public static WorkflowExecutor defaultExecutor() {
    return WorkflowExecutor.builder().seed(1L).build();
  }

  /**
   * Returns a Failsafe executor with a retry policy of three attempts and no delay, running async
   * executions on Failsafe's default pool (the common ForkJoinPool).
   */
  public static FailsafeExecutor<Object> failsafe() {
    return Failsafe.with(retryPolicy());
  }

  private static RetryPolicy<Object> retryPolicy() {
    return RetryPolicy.builder().withMaxAttempts(FLAKY_ATTEMPTS).build();
  }

  /** Returns a resilience4j retry of three attempts with no wait. */
  public static Retry retry() {
    return Retry.of(
        "bench",
        RetryConfig.custom()
            .maxAttempts(FLAKY_ATTEMPTS)
            .intervalFunction(attempt -> 0L)
            .retryExceptions(RuntimeException.class)
            .build());
  }

  /** Returns the scheduler resilience4j needs for async retries; shut it down after use. */
  public static ScheduledExecutorService retryScheduler() {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "r4j-retry");
          t.setDaemon(true);
          return t;
        });
  }

  /** Returns a resilience4j-decorated {@code call}. */
  public static Supplier<CompletionStage<Object>> decorate(
      Retry retry, ScheduledExecutorService scheduler, Supplier<CompletionStage<Object>> call) {
    return Retry.decorateCompletionStage(retry, scheduler, call);
  }

  /**
   * Runs {@code n} calls one after another, each started when the previous one completed, and
   * returns the last one's value; the floor every harness is compared with.
   */
  public static Object chain(int n, Supplier<? extends CompletionStage<Object>> call) {
    CompletableFuture<Object> f = CompletableFuture.completedFuture(null);
    for (int i = 0; i < n; i++) {
      f = f.thenCompose(v -> call.get());
    }
    return f.join();
  }

  /**
   * Counts calls and fails all but every third, so a chain of sequential calls sees each logical
   * call fail twice, then succeed. Not thread-safe: calls must be ordered by their futures.
   */
  static final class FlakyCall implements Supplier<CompletionStage<Object>> {
    private int calls;

    @Override
    public CompletionStage<Object> get() {
      return ++calls % FLAKY_ATTEMPTS != 0
          ? CompletableFuture.failedFuture(FLAKY_FAILURE)
          : noopCall();
    }

    /** Returns how many calls were made. */
    int calls() {
      return calls;
    }
  }

  /** A retryable failure without a stack trace. */
  static final class FlakyFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FlakyFailure() {
      super("flaky call failed", null, false, false);
    }
  }
}
