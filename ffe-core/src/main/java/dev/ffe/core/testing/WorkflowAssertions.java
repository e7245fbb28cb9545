package dev.ffe.core.testing;

import dev.ffe.core.AttemptResult;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Assertions that read like the workflow, with no assertion library needed: every failure message
 * prints the whole result tree.
 *
 * <pre>{@code
 * WorkflowAssertions.assertThat(result).succeeded()
 *     .step("pre-deployment/backup").hasStatus(StepStatus.COMPLETED).hasAttempts(3)
 *     .hasDelaysBetweenAttempts(Duration.ofSeconds(1), Duration.ofSeconds(2));
 * }</pre>
 */
public final class WorkflowAssertions {
  private WorkflowAssertions() {}

  /** Starts assertions on a workflow result. */
  public static ResultAssert assertThat(WorkflowResult result) {
    return new ResultAssert(Objects.requireNonNull(result, "result == null"));
  }

  /** Assertions on a whole result. */
  public static final class ResultAssert {
    private final WorkflowResult result;

    ResultAssert(WorkflowResult result) {
      this.result = result;
    }

    private AssertionError fail(String message) {
      return new AssertionError(message + "\nresult tree:\n" + result.tree());
    }

    /** Checks that the workflow succeeded. */
    public ResultAssert succeeded() {
      if (!result.success()) {
        throw fail(
            "expected workflow '"
                + result.workflowName()
                + "' to succeed, but it "
                + result.status().jsonName()
                + ": "
                + result.error().orElse(""));
      }
      return this;
    }

    /** Checks the workflow's status. */
    public ResultAssert hasStatus(StepStatus status) {
      if (result.status() != status) {
        throw fail(
            "expected workflow status "
                + status.jsonName()
                + " but was "
                + result.status().jsonName());
      }
      return this;
    }

    /** Checks that the workflow's error contains {@code text}. */
    public ResultAssert hasErrorContaining(String text) {
      if (!result.error().orElse("").contains(text)) {
        throw fail(
            "expected workflow error to contain '"
                + text
                + "' but was '"
                + result.error().orElse("")
                + "'");
      }
      return this;
    }

    /** Checks the workflow's duration on the virtual clock. */
    public ResultAssert tookExactly(Duration duration) {
      if (!result.duration().equals(duration)) {
        throw fail(
            "expected the workflow to take " + duration + " but it took " + result.duration());
      }
      return this;
    }

    /** Moves to the step at {@code path}. */
    public StepAssert step(String path) {
      StepResult step =
          result.step(path).orElseThrow(() -> fail("no step '" + path + "' in the result"));
      return new StepAssert(this, step);
    }
  }

  /** Assertions on one step. */
  public static final class StepAssert {
    private final ResultAssert parent;
    private final StepResult step;

    StepAssert(ResultAssert parent, StepResult step) {
      this.parent = parent;
      this.step = step;
    }

    private AssertionError fail(String message) {
      return parent.fail("step '" + step.path() + "': " + message);
    }

    /** Returns the step's result for checks these assertions do not cover. */
    public StepResult result() {
      return step;
    }

    /** Checks the status. */
    public StepAssert hasStatus(StepStatus status) {
      if (step.status() != status) {
        throw fail("expected status " + status.jsonName() + " but was " + step.status().jsonName());
      }
      return this;
    }

    /** Checks the number of attempts. */
    public StepAssert hasAttempts(int attempts) {
      if (step.attempts().size() != attempts) {
        throw fail("expected " + attempts + " attempts but there were " + step.attempts().size());
      }
      return this;
    }

    /** Checks the virtual instants at which the attempts started. */
    public StepAssert hasAttemptsStartingAt(Instant... instants) {
      List<Instant> actual = new ArrayList<>();
      for (AttemptResult a : step.attempts()) {
        actual.add(a.startedAt());
      }
      if (!actual.equals(List.of(instants))) {
        throw fail(
            "expected attempts to start at "
                + List.of(instants)
                + " but they started at "
                + actual);
      }
      return this;
    }

    /** Checks the backoff delays before the second, third, ... attempts. */
    public StepAssert hasDelaysBetweenAttempts(Duration... delays) {
      List<Duration> actual = delays();
      if (!actual.equals(List.of(delays))) {
        throw fail(
            "expected delays " + List.of(delays) + " between attempts but they were " + actual);
      }
      return this;
    }

    /** Checks that every delay between attempts lies within {@code [min, max]}. */
    public StepAssert hasDelaysBetween(Duration min, Duration max) {
      for (Duration d : delays()) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
          throw fail("delay " + d + " is outside [" + min + ", " + max + "]; delays: " + delays());
        }
      }
      return this;
    }

    private List<Duration> delays() {
      List<Duration> actual = new ArrayList<>();
      List<AttemptResult> attempts = step.attempts();
      for (int i = 1; i < attempts.size(); i++) {
        actual.add(Duration.between(attempts.get(i - 1).finishedAt(), attempts.get(i).startedAt()));
      }
      return actual;
    }

    /** Checks the output. */
    public StepAssert hasOutput(Object output) {
      if (!Objects.equals(step.output().orElse(null), output)) {
        throw fail("expected output " + output + " but was " + step.output().orElse(null));
      }
      return this;
    }

    /** Checks that the error contains {@code text}. */
    public StepAssert hasErrorContaining(String text) {
      if (!step.error().orElse("").contains(text)) {
        throw fail(
            "expected error containing '" + text + "' but was '" + step.error().orElse("") + "'");
      }
      return this;
    }

    /** Checks that a compensation ran with {@code status}. */
    public StepAssert wasCompensatedWith(StepStatus status) {
      StepResult c =
          step.compensation().orElseThrow(() -> fail("expected a compensation, but none ran"));
      if (c.status() != status) {
        throw fail(
            "expected compensation status "
                + status.jsonName()
                + " but was "
                + c.status().jsonName());
      }
      return this;
    }

    /** Checks that no compensation ran. */
    public StepAssert wasNotCompensated() {
      if (step.compensation().isPresent()) {
        throw fail("expected no compensation, but '" + step.compensation().get().name() + "' ran");
      }
      return this;
    }

    /** Moves to another step of the same result. */
    public StepAssert step(String path) {
      return parent.step(path);
    }

    /** Returns to the whole-result assertions. */
    public ResultAssert workflow() {
      return parent;
    }
  }
}
