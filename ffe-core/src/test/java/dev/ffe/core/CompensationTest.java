package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.TestWorkflowExecutor;
import dev.ffe.core.testing.WorkflowAssertions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Saga compensation, always-run and failure-triggered steps (issue 11), in virtual time. */
class CompensationTest {
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private WorkflowStep logged(String name) {
    return WorkflowStep.task(
        name,
        ctx -> {
          log.add(name);
          return name + " done";
        });
  }

  private WorkflowStep deployment(
      StepAction deploy, WorkflowStep rollback, AtomicReference<String> notified) {
    return WorkflowStep.sequential(
        "deployment",
        WorkflowStep.parallel(
            "pre-deployment",
            logged("backup").compensateWith(logged("remove-backup")),
            logged("health-check")),
        WorkflowStep.action("deploy", deploy).compensateWith(rollback),
        WorkflowStep.parallel("post-deployment", logged("monitoring")),
        WorkflowStep.task(
                "notify",
                ctx -> {
                  String what =
                      ctx.failure()
                          .map(
                              f ->
                                  "failed: "
                                      + f.name()
                                      + "; rollback "
                                      + ctx.finishedSteps().stream()
                                          .filter(s -> s.name().equals("rollback"))
                                          .map(s -> s.status().jsonName())
                                          .findFirst()
                                          .orElse("not run"))
                          .orElse("succeeded");
                  notified.set(what);
                  return what;
                })
            .onError(ErrorAction.CONTINUE)
            .always());
  }

  @Test
  void failedDeployIsRolledBackNotifyReportsItAndTheDeployErrorStaysTheResult() throws IOException {
    AtomicReference<String> notified = new AtomicReference<>();
    WorkflowResult result =
        TestWorkflowExecutor.create()
            .run(
                deployment(
                    FakeAction.throwing(new IllegalStateException("image pull failed")),
                    logged("rollback"),
                    notified));

    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.FAILED)
        .hasErrorContaining("image pull failed")
        .step("deploy")
        .hasStatus(StepStatus.FAILED)
        .wasCompensatedWith(StepStatus.COMPLETED)
        .step("pre-deployment/backup")
        .wasCompensatedWith(StepStatus.COMPLETED)
        .step("pre-deployment/health-check")
        .wasNotCompensated()
        .step("post-deployment")
        .hasStatus(StepStatus.SKIPPED)
        .step("notify")
        .hasStatus(StepStatus.COMPLETED);
    // reverse order of completion: deploy ended last, so it is undone first
    assertThat(log).containsSubsequence("backup", "rollback", "remove-backup");
    assertThat(notified.get()).isEqualTo("failed: deploy; rollback completed");

    JsonNode json = new ObjectMapper().readTree(result.toJson());
    JsonNode deploy = json.get("steps").get(1);
    assertThat(deploy.get("compensation").get("name").asText()).isEqualTo("rollback");
    assertThat(deploy.get("compensation").get("role").asText()).isEqualTo("compensation");
    assertThat(json.get("steps").get(3).get("role").asText()).isEqualTo("always");
  }

  @Test
  void successfulDeploymentRunsNoCompensationAndNotifySeesSuccess() {
    AtomicReference<String> notified = new AtomicReference<>();
    WorkflowResult result =
        TestWorkflowExecutor.create()
            .run(deployment(FakeAction.succeeding("v2"), logged("rollback"), notified));
    WorkflowAssertions.assertThat(result).succeeded().step("deploy").wasNotCompensated();
    assertThat(notified.get()).isEqualTo("succeeded");
    assertThat(log).doesNotContain("rollback", "remove-backup");
  }

  @Test
  void aFailingCompensationIsRecordedAndDoesNotHideTheOriginalError() {
    AtomicReference<String> notified = new AtomicReference<>();
    WorkflowStep brokenRollback =
        WorkflowStep.action(
                "rollback", FakeAction.throwing(new IOException("previous tag missing")))
            .retries(1);
    WorkflowResult result =
        TestWorkflowExecutor.create()
            .run(
                deployment(
                    FakeAction.throwing(new IllegalStateException("image pull failed")),
                    brokenRollback,
                    notified));
    WorkflowAssertions.assertThat(result)
        .hasErrorContaining("image pull failed")
        .step("deploy")
        .wasCompensatedWith(StepStatus.FAILED);
    StepResult rollback = result.requireStep("deploy").compensation().orElseThrow();
    assertThat(rollback.attempts()).hasSize(2);
    assertThat(rollback.error())
        .hasValueSatisfying(e -> assertThat(e).contains("previous tag missing"));
    assertThat(notified.get()).isEqualTo("failed: deploy; rollback failed");
  }

  @Test
  void cancellingMidwayStillRunsAlwaysStepsAndCompensations() {
    AtomicReference<String> notified = new AtomicReference<>();
    TestWorkflowExecutor executor = TestWorkflowExecutor.create();
    TestWorkflowExecutor.TestRun run =
        executor.start(deployment(FakeAction.hanging(), logged("rollback"), notified));
    run.advance(Duration.ofSeconds(5));
    run.cancel();
    WorkflowResult result = run.await();
    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.CANCELLED)
        .step("deploy")
        .hasStatus(StepStatus.CANCELLED)
        .wasCompensatedWith(StepStatus.COMPLETED)
        .step("post-deployment")
        .hasStatus(StepStatus.SKIPPED)
        .step("notify")
        .hasStatus(StepStatus.COMPLETED);
    assertThat(notified.get()).startsWith("failed: deploy");
  }

  @Test
  void nestedGroupsCompensateInnerStepsBeforeOuterOnes() {
    WorkflowStep wf =
        WorkflowStep.sequential(
            "wf",
            logged("outer-first").compensateWith(logged("undo-outer-first")),
            WorkflowStep.sequential(
                    "inner",
                    logged("inner-a").compensateWith(logged("undo-inner-a")),
                    logged("inner-b").compensateWith(logged("undo-inner-b")),
                    WorkflowStep.action("inner-fails", FakeAction.throwing(new IOException("x"))))
                .compensateWith(logged("undo-inner-group")));
    WorkflowResult result = TestWorkflowExecutor.create().run(wf);
    assertThat(result.status()).isEqualTo(StepStatus.FAILED);
    assertThat(log)
        .containsExactly(
            "outer-first",
            "inner-a",
            "inner-b",
            "undo-inner-b",
            "undo-inner-a",
            "undo-inner-group",
            "undo-outer-first");
  }

  @Test
  void continueFailuresDoNotTriggerCompensation() {
    WorkflowStep wf =
        WorkflowStep.sequential(
            "wf",
            logged("a").compensateWith(logged("undo-a")),
            WorkflowStep.action("optional", FakeAction.throwing(new IOException("x")))
                .onError(ErrorAction.CONTINUE));
    WorkflowResult result = TestWorkflowExecutor.create().run(wf);
    assertThat(result.success()).isTrue();
    assertThat(log).containsExactly("a");
  }

  @Test
  void onFailureStepsRunOnlyAfterAFailure() {
    WorkflowStep incident = logged("open-incident").onFailure();
    WorkflowResult ok =
        TestWorkflowExecutor.create().run(WorkflowStep.sequential("wf", logged("a"), incident));
    WorkflowAssertions.assertThat(ok)
        .succeeded()
        .step("open-incident")
        .hasStatus(StepStatus.SKIPPED)
        .hasErrorContaining("no earlier step failed");

    WorkflowResult failed =
        TestWorkflowExecutor.create()
            .run(
                WorkflowStep.parallel(
                    "wf",
                    WorkflowStep.action("a", FakeAction.throwing(new IOException("x"))),
                    incident));
    WorkflowAssertions.assertThat(failed)
        .hasStatus(StepStatus.FAILED)
        .step("open-incident")
        .hasStatus(StepStatus.COMPLETED);
  }

  @Test
  void alwaysStepThatFailsAfterAFailureKeepsTheOriginalError() {
    WorkflowResult result =
        TestWorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "wf",
                    WorkflowStep.action(
                        "deploy", FakeAction.throwing(new IOException("deploy broke"))),
                    WorkflowStep.action(
                            "cleanup", FakeAction.throwing(new IOException("cleanup broke")))
                        .always()));
    WorkflowAssertions.assertThat(result)
        .hasErrorContaining("deploy broke")
        .step("cleanup")
        .hasStatus(StepStatus.FAILED);
  }

  @Test
  void alwaysStepThatFailsAfterSuccessFailsTheGroup() {
    WorkflowResult result =
        TestWorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "wf",
                    logged("deploy"),
                    WorkflowStep.action(
                            "cleanup", FakeAction.throwing(new IOException("cleanup broke")))
                        .always()));
    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.FAILED)
        .hasErrorContaining("cleanup broke");
  }

  @Test
  void alwaysStepsRunAfterTheDeadlineBoundedByTheirOwnTimeout() {
    WorkflowResult result =
        TestWorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "wf",
                    WorkflowStep.action("slow", FakeAction.hanging()),
                    WorkflowStep.action("release-lock", FakeAction.hanging())
                        .timeout(Duration.ofSeconds(10))
                        .always()),
                RunOptions.defaults().deadline(Duration.ofMinutes(1)));
    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.TIMED_OUT)
        .tookExactly(Duration.ofSeconds(70))
        .step("release-lock")
        .hasStatus(StepStatus.TIMED_OUT);
  }
}
