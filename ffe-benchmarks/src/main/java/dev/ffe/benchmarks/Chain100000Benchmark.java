package dev.ffe.benchmarks;

import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Runs {@link ChainBenchmark} with a chain of 100000 steps; scores are per step.
 *
 * <p>Not thread-safe, like its superclass.
 */
@OperationsPerInvocation(Chain100000Benchmark.STEPS)
public class Chain100000Benchmark extends ChainBenchmark {
  /** The chain length. */
  public static final int STEPS = 100000;

  @Override
  protected int steps() {
    return STEPS;
  }
}
