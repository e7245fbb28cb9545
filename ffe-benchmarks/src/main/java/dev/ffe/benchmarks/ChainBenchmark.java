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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Runs a sequential chain of no-op steps through FFE and its peers. Each concrete subclass fixes
 * the chain length and declares it in {@code @OperationsPerInvocation}, so JMH reports the time per
 * step.
 *
 * <p>Not thread-safe: one instance per JMH trial ({@code Scope.Benchmark}, one benchmark thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class ChainBenchmark {
  private WorkflowStep workflow;
  private WorkflowExecutor sameThread;
  private WorkflowExecutor pooled;
  private FailsafeExecutor<Object> failsafe;
  private ScheduledExecutorService retryScheduler;
  private Supplier<CompletionStage<Object>> retried;

  /** Returns the number of steps in the chain; equals the class's operations per invocation. */
  protected abstract int steps();

  /** Builds the workflow and the peers' executors once per trial. */
  @Setup
  public void setUp() {
    workflow = Workloads.sequentialNoops(steps());
    sameThread = Workloads.sameThreadExecutor();
    pooled = Workloads.defaultExecutor();
    failsafe = Workloads.failsafe();
    retryScheduler = Workloads.retryScheduler();
    retried = Workloads.decorate(Workloads.retry(), retryScheduler, Workloads::noopCall);
  }

  /** Stops the resilience4j scheduler. */
  @TearDown
  public void tearDown() {
    retryScheduler.shutdownNow();
  }

  /** Runs the chain through FFE with every step on the calling thread: the engine's own cost. */
  @Benchmark
  public WorkflowResult ffeSameThread() {
    return sameThread.run(workflow).join();
  }

  /** Runs the chain through FFE on its default thread pool. */
  @Benchmark
  public WorkflowResult ffeDefaultExecutor() {
    return pooled.run(workflow).join();
  }

  /** Chains the raw calls with {@code thenCompose}: the floor. */
  @Benchmark
  public Object completableFuture() {
    return Workloads.chain(steps(), Workloads::noopCall);
  }

  /** Chains the calls, each wrapped in Failsafe's {@code getStageAsync} with a retry policy. */
  @Benchmark
  public Object failsafe() {
    return Workloads.chain(steps(), () -> failsafe.getStageAsync(Workloads::noopCall));
  }

  /** Chains the calls, each decorated with resilience4j's {@code Retry.decorateCompletionStage}. */
  @Benchmark
  public Object resilience4j() {
    return Workloads.chain(steps(), retried);
  }
}
