package dev.ffe.benchmarks;

import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Runs {@link ChainBenchmark} with a chain of 1000 steps; scores are per step.
 *
 * <p>Not thread-safe, like its superclass.
 */
@OperationsPerInvocation(Chain1000Benchmark.STEPS)
public class Chain1000Benchmark extends ChainBenchmark {
  /** The chain length. */
  public static final int STEPS = 1000;

  @Override
  protected int steps() {
    return STEPS;
  }
}
