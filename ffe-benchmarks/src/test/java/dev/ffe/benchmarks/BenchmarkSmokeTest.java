package dev.ffe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Runs every benchmark method once, outside JMH, on tiny workloads, so the benchmarks cannot rot:
 * each harness must still run its workload to success. Says nothing about speed.
 */
class BenchmarkSmokeTest {

  /** A three-step chain: small enough to run every harness in milliseconds. */
  static final class TinyChain extends ChainBenchmark {
    @Override
    protected int steps() {
      return 3;
    }
  }

  /** A three-step fan-out. */
  static final class TinyFanOut extends FanOutBenchmark {
    @Override
    protected int steps() {
      return 3;
    }
  }

  @Test
  void everyChainHarnessRunsTheWholeChainToSuccess() {
    TinyChain bench = new TinyChain();
    bench.setUp();
    try {
      assertCompletedSteps(bench.ffeSameThread(), 3);
      assertCompletedSteps(bench.ffeDefaultExecutor(), 3);
      assertThat(bench.completableFuture()).isNull();
      assertThat(bench.failsafe()).isNull();
      assertThat(bench.resilience4j()).isNull();
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void everyFanOutHarnessJoinsAllSteps() {
    TinyFanOut bench = new TinyFanOut();
    bench.setUp();
    assertCompletedSteps(bench.ffeSameThread(), 3);
    assertCompletedSteps(bench.ffeDefaultExecutor(), 3);
    assertThat(bench.completableFutureAllOf()).isNull();
    assertThat(bench.completableFutureAllOfCommonPool()).isNull();
  }

  @Test
  void retryHarnessesEachRetryEveryStepTwiceThenSucceed() {
    RetryBenchmark bench = new RetryBenchmark();
    bench.setUp();
    try {
      WorkflowResult result = bench.ffeSameThread();
      assertCompletedSteps(result, RetryBenchmark.STEPS);
      assertThat(result.steps()).allSatisfy(s -> assertThat(s.attempts()).hasSize(3));

      assertThat(bench.failsafe()).isNull();
      assertThat(bench.peerCalls()).isEqualTo(3 * RetryBenchmark.STEPS);
      assertThat(bench.resilience4j()).isNull();
      assertThat(bench.peerCalls()).isEqualTo(6 * RetryBenchmark.STEPS);
    } finally {
      bench.tearDown();
    }
  }

  @Test
  void resultJsonBenchmarkSerializesEveryStep() {
    ResultJsonBenchmark bench = new ResultJsonBenchmark();
    bench.setUp();

    String json = bench.toJson();

    assertThat(json).contains("\"s0\"").contains("\"s" + (ResultJsonBenchmark.STEPS - 1) + "\"");
    assertThat(WorkflowResult.fromJson(json).steps()).hasSize(ResultJsonBenchmark.STEPS);
  }

  @Test
  void everySizedBenchmarkReportsPerStepBecauseItsOperationsMatchItsSize() {
    List<ChainBenchmark> chains =
        List.of(
            new Chain1Benchmark(),
            new Chain100Benchmark(),
            new Chain1000Benchmark(),
            new Chain10000Benchmark(),
            new Chain100000Benchmark());
    for (ChainBenchmark chain : chains) {
      assertThat(operationsPerInvocation(chain.getClass())).isEqualTo(chain.steps());
    }
    for (FanOutBenchmark fanOut : List.of(new FanOut100Benchmark(), new FanOut10000Benchmark())) {
      assertThat(operationsPerInvocation(fanOut.getClass())).isEqualTo(fanOut.steps());
    }
    assertThat(operationsPerInvocation(RetryBenchmark.class)).isEqualTo(RetryBenchmark.STEPS);
    assertThat(operationsPerInvocation(ResultJsonBenchmark.class))
        .isEqualTo(ResultJsonBenchmark.STEPS);
  }

  @Test
  void largestChainRunsWithoutOverflowingTheStack() {
    Chain10000Benchmark bench = new Chain10000Benchmark();
    bench.setUp();
    try {
      assertCompletedSteps(bench.ffeSameThread(), Chain10000Benchmark.STEPS);
      assertThat(bench.completableFuture()).isNull();
      assertThat(bench.resilience4j()).isNull();
    } finally {
      bench.tearDown();
    }
  }

  private static int operationsPerInvocation(Class<?> type) {
    return type.getAnnotation(OperationsPerInvocation.class).value();
  }

  private static void assertCompletedSteps(WorkflowResult result, int steps) {
    assertThat(result.success()).as(result.tree()).isTrue();
    assertThat(result.steps()).hasSize(steps);
    assertThat(result.steps()).extracting(StepResult::status).containsOnly(StepStatus.COMPLETED);
  }
}
