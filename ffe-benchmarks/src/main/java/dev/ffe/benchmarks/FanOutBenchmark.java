package dev.ffe.benchmarks;

import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Fans out {@link #steps()} no-op steps and joins them, through an FFE parallel group and through
 * {@code CompletableFuture.allOf}. Subclasses fix the width; scores are per step.
 *
 * <p>Not thread-safe: one instance per JMH trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class FanOutBenchmark {
  private WorkflowStep workflow;
  private WorkflowExecutor sameThread;
  private WorkflowExecutor pooled;

  /** Returns the number of parallel steps; equals the class's operations per invocation. */
  protected abstract int steps();

  /** Builds the workflow and executors once per trial. */
  @Setup
  public void setUp() {
    workflow = Workloads.parallelNoops(steps());
    sameThread = Workloads.sameThreadExecutor();
    pooled = Workloads.defaultExecutor();
  }

  /** Runs the parallel group with every step on the calling thread. */
  @Benchmark
  public WorkflowResult ffeSameThread() {
    return sameThread.run(workflow).join();
  }

  /** Runs the parallel group on FFE's default thread pool. */
  @Benchmark
  public WorkflowResult ffeDefaultExecutor() {
    return pooled.run(workflow).join();
  }

  /** Starts the calls on the calling thread and joins them with {@code allOf}: the floor. */
  @Benchmark
  public Object completableFutureAllOf() {
    CompletableFuture<?>[] calls = new CompletableFuture<?>[steps()];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = Workloads.noopCall();
    }
    return CompletableFuture.allOf(calls).join();
  }

  /** Starts each call on the common pool with {@code supplyAsync} and joins them with allOf. */
  @Benchmark
  public Object completableFutureAllOfCommonPool() {
    CompletableFuture<?>[] calls = new CompletableFuture<?>[steps()];
    ForkJoinPool pool = ForkJoinPool.commonPool();
    for (int i = 0; i < calls.length; i++) {
      calls[i] = CompletableFuture.supplyAsync(() -> null, pool);
    }
    return CompletableFuture.allOf(calls).join();
  }
}
