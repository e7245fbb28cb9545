package dev.ffe.benchmarks;

import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Runs {@link ChainBenchmark} with a chain of 100 steps; scores are per step.
 *
 * <p>Not thread-safe, like its superclass.
 */
@OperationsPerInvocation(Chain100Benchmark.STEPS)
public class Chain100Benchmark extends ChainBenchmark {
  /** The chain length. */
  public static final int STEPS = 100;

  @Override
  protected int steps() {
    return STEPS;
  }
}
