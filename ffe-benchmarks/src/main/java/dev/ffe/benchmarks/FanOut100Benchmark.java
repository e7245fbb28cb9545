package dev.ffe.benchmarks;

import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Runs {@link FanOutBenchmark} with 100 parallel steps; scores are per step.
 *
 * <p>Not thread-safe, like its superclass.
 */
@OperationsPerInvocation(FanOut100Benchmark.STEPS)
public class FanOut100Benchmark extends FanOutBenchmark {
  /** The number of parallel steps. */
  public static final int STEPS = 100;

  @Override
  protected int steps() {
    return STEPS;
  }
}
