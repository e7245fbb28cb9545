package dev.ffe.benchmarks;

import dev.failsafe.FailsafeExecutor;
import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Runs a chain of {@link #STEPS} calls that each fail twice and succeed on the third attempt,
 * retried with no wait, through FFE ({@code .retries(2).backoff(Backoff.NONE)}), Failsafe and
 * resilience4j. Scores are per step, i.e. per three attempts.
 *
 * <p>Not thread-safe: one instance per JMH trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(RetryBenchmark.STEPS)
public class RetryBenchmark {
  /** Steps per invocation: enough that the per-workflow cost does not dominate. */
  public static final int STEPS = 100;

  private WorkflowStep workflow;
  private WorkflowExecutor sameThread;
  private FailsafeExecutor<Object> failsafe;
  private ScheduledExecutorService retryScheduler;
  private Workloads.FlakyCall flaky;
  private Supplier<CompletionStage<Object>> retried;

  /** Builds the workflow and the peers once per trial. */
  @Setup
  public void setUp() {
    workflow = Workloads.sequentialFlaky(STEPS);
    sameThread = Workloads.sameThreadExecutor();
    failsafe = Workloads.failsafe();
    retryScheduler = Workloads.retryScheduler();
    flaky = new Workloads.FlakyCall();
    retried = Workloads.decorate(Workloads.retry(), retryScheduler, flaky);
  }

  /** Stops the resilience4j scheduler. */
  @TearDown
  public void tearDown() {
    retryScheduler.shutdownNow();
  }

  /** Returns how many flaky peer calls were made since setup; lets tests check the workload. */
  int peerCalls() {
    return flaky.calls();
  }

  /** Runs the flaky chain through FFE on the calling thread. */
  @Benchmark
  public WorkflowResult ffeSameThread() {
    return sameThread.run(workflow).join();
  }

  /** Retries each flaky call with Failsafe's {@code getStageAsync} on its default pool. */
  @Benchmark
  public Object failsafe() {
    return Workloads.chain(STEPS, () -> failsafe.getStageAsync(flaky::get));
  }

  /** Retries each flaky call with resilience4j's {@code Retry.decorateCompletionStage}. */
  @Benchmark
  public Object resilience4j() {
    return Workloads.chain(STEPS, retried);
  }
}
