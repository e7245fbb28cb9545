package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 100,000-step trees run without StackOverflowError; time is measured in ffe-benchmarks. */
class ScaleTest {
  private static final int STEPS = 100_000;

  private static List<WorkflowStep> steps(AtomicInteger counter) {
    List<WorkflowStep> steps = new ArrayList<>(STEPS);
    for (int i = 0; i < STEPS; i++) {
      steps.add(WorkflowStep.task("s" + i, () -> counter.incrementAndGet()));
    }
    return steps;
  }

  @Test
  void hundredThousandSequentialStepsOnTheCallingThreadDoNotOverflowTheStack() throws Exception {
    AtomicInteger counter = new AtomicInteger();
    WorkflowExecutor sameThread = WorkflowExecutor.builder().executor(Runnable::run).build();
    WorkflowResult result =
        sameThread.run(WorkflowStep.sequential("seq", steps(counter))).get(2, TimeUnit.MINUTES);
    assertThat(result.success()).isTrue();
    assertThat(counter.get()).isEqualTo(STEPS);
    assertThat(result.steps()).hasSize(STEPS);
  }

  @Test
  void hundredThousandSequentialStepsOnThePool() throws Exception {
    AtomicInteger counter = new AtomicInteger();
    WorkflowResult result =
        WorkflowExecutor.create()
            .run(WorkflowStep.sequential("seq", steps(counter)))
            .get(2, TimeUnit.MINUTES);
    assertThat(result.success()).isTrue();
    assertThat(counter.get()).isEqualTo(STEPS);
  }

  @Test
  void hundredThousandParallelStepsOnThePool() throws Exception {
    AtomicInteger counter = new AtomicInteger();
    WorkflowResult result =
        WorkflowExecutor.create()
            .run(WorkflowStep.parallel("par", steps(counter)))
            .get(2, TimeUnit.MINUTES);
    assertThat(result.success()).isTrue();
    assertThat(counter.get()).isEqualTo(STEPS);
    assertThat(result.toJson()).contains("\"name\" : \"s99999\"");
  }
}
