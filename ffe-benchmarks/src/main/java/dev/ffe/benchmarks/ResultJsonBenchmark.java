package dev.ffe.benchmarks;

import dev.ffe.core.WorkflowResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Serializes the result of a {@link #STEPS}-step sequential run with {@link
 * WorkflowResult#toJson()}. Scores are per step; multiply by {@link #STEPS} for the whole document.
 *
 * <p>Not thread-safe: one instance per JMH trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ResultJsonBenchmark.STEPS)
public class ResultJsonBenchmark {
  /** Steps in the serialized result. */
  public static final int STEPS = 10_000;

  private WorkflowResult result;

  /** Runs the workflow once to get the result to serialize. */
  @Setup
  public void setUp() {
    result = Workloads.sameThreadExecutor().run(Workloads.sequentialNoops(STEPS)).join();
  }

  /** Writes the result as pretty-printed JSON. */
  @Benchmark
  public String toJson() {
    return result.toJson();
  }
}
