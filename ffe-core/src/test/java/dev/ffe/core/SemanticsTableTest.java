package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per cell of the README's semantics table: group type × error action × outcome of the
 * step under test. The group holds the step under test ("subject") followed by a sibling that takes
 * 10 s; the group sits in a root sequence followed by a step "after".
 */
class SemanticsTableTest {

  enum Outcome {
    SUCCESS,
    FAILURE,
    TIMEOUT,
    CANCEL
  }

  record Expected(
      StepStatus subject, int attempts, StepStatus sibling, StepStatus group, StepStatus after) {}

  static Expected expected(StepType type, ErrorAction onError, Outcome outcome) {
    boolean seq = type == StepType.SEQUENTIAL;
    int attempts =
        onError == ErrorAction.RETRY && outcome != Outcome.SUCCESS && outcome != Outcome.CANCEL
            ? 4
            : 1;
    return switch (outcome) {
      case SUCCESS ->
          new Expected(
              StepStatus.COMPLETED,
              1,
              StepStatus.COMPLETED,
              StepStatus.COMPLETED,
              StepStatus.COMPLETED);
      case FAILURE, TIMEOUT -> {
        StepStatus subject = outcome == Outcome.FAILURE ? StepStatus.FAILED : StepStatus.TIMED_OUT;
        if (onError == ErrorAction.CONTINUE) {
          yield new Expected(
              subject, 1, StepStatus.COMPLETED, StepStatus.COMPLETED, StepStatus.COMPLETED);
        }
        yield new Expected(
            subject,
            attempts,
            seq ? StepStatus.SKIPPED : StepStatus.CANCELLED,
            StepStatus.FAILED,
            StepStatus.SKIPPED);
      }
      case CANCEL ->
          new Expected(
              StepStatus.CANCELLED,
              1,
              seq ? StepStatus.SKIPPED : StepStatus.CANCELLED,
              StepStatus.CANCELLED,
              StepStatus.SKIPPED);
    };
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (StepType type : StepType.values()) {
      for (ErrorAction onError : ErrorAction.values()) {
        for (Outcome outcome : Outcome.values()) {
          cells.add(Arguments.of(type, onError, outcome));
        }
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} x {1} x {2}")
  @MethodSource("cells")
  void everyCellOfTheSemanticsTableHolds(StepType type, ErrorAction onError, Outcome outcome) {
    StepAction subjectAction =
        switch (outcome) {
          case SUCCESS -> FakeAction.succeeding("done");
          case FAILURE -> FakeAction.throwing(new IOException("boom"));
          case TIMEOUT, CANCEL -> FakeAction.hanging();
        };
    WorkflowStep subject =
        WorkflowStep.action("subject", subjectAction)
            .onError(onError)
            .backoff(Backoff.fixed(Duration.ofSeconds(1)));
    if (outcome == Outcome.TIMEOUT) {
      subject = subject.timeout(Duration.ofSeconds(5));
    }
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "wf",
            WorkflowStep.group(
                "group",
                type,
                List.of(
                    subject,
                    WorkflowStep.action(
                        "sibling", FakeAction.succeeding("ok").after(Duration.ofSeconds(60))))),
            WorkflowStep.action("after", FakeAction.succeeding("after")));

    TestWorkflowExecutor executor = TestWorkflowExecutor.create();
    TestWorkflowExecutor.TestRun run = executor.start(workflow);
    if (outcome == Outcome.CANCEL) {
      run.advance(Duration.ofSeconds(1));
      run.cancel();
    }
    WorkflowResult result = run.await();

    Expected e = expected(type, onError, outcome);
    String tree = result.tree();
    assertThat(result.requireStep("group/subject").status()).as(tree).isEqualTo(e.subject());
    assertThat(result.requireStep("group/subject").attempts()).as(tree).hasSize(e.attempts());
    assertThat(result.requireStep("group/sibling").status()).as(tree).isEqualTo(e.sibling());
    assertThat(result.requireStep("group").status()).as(tree).isEqualTo(e.group());
    assertThat(result.requireStep("after").status()).as(tree).isEqualTo(e.after());
    StepStatus workflowStatus =
        e.group() == StepStatus.COMPLETED ? StepStatus.COMPLETED : e.group();
    assertThat(result.status()).as(tree).isEqualTo(workflowStatus);
  }
}
