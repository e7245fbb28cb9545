package dev.ffe.benchmarks;

import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Runs {@link ChainBenchmark} with a chain of 1 step; scores are per step.
 *
 * <p>Not thread-safe, like its superclass.
 */
@OperationsPerInvocation(Chain1Benchmark.STEPS)
public class Chain1Benchmark extends ChainBenchmark {
  /** The chain length. */
  public static final int STEPS = 1;

  @Override
  protected int steps() {
    return STEPS;
  }
}
