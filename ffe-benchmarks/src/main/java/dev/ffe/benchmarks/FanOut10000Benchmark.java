package dev.ffe.benchmarks;

import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Runs {@link FanOutBenchmark} with 10000 parallel steps; scores are per step.
 *
 * <p>Not thread-safe, like its superclass.
 */
@OperationsPerInvocation(FanOut10000Benchmark.STEPS)
public class FanOut10000Benchmark extends FanOutBenchmark {
  /** The number of parallel steps. */
  public static final int STEPS = 10000;

  @Override
  protected int steps() {
    return STEPS;
  }
}
