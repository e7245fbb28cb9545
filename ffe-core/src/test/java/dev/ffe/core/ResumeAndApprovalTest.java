package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.TestWorkflowExecutor;
import dev.ffe.core.testing.WorkflowAssertions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Resume from the failed step and approval gates (issue 9). */
class ResumeAndApprovalTest {

  @ParameterizedTest(name = "killed inside {0}")
  @ValueSource(
      strings = {
        "pre-deployment/backup",
        "pre-deployment/health-check",
        "deploy",
        "post-deployment/notify",
        "post-deployment/monitoring"
      })
  void aRunKilledWithSigkillResumesWithoutRepeatingCompletedSteps(String killAt, @TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("journal.json");
    Path markers = dir.resolve("markers.txt");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                JournaledDeployment.class.getName(),
                journal.toString(),
                markers.toString(),
                killAt)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("START " + killAt)) {
        // read until the child is inside the step
      }
      assertThat(line).isEqualTo("START " + killAt);
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no chance to tidy up
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    WorkflowResult killed = WorkflowResult.readJson(journal);
    assertThat(killed.success()).isFalse();
    WorkflowResult resumed =
        WorkflowExecutor.builder()
            .executor(Runnable::run)
            .build()
            .resume(JournaledDeployment.workflow(markers, "none"), killed)
            .result()
            .get(30, TimeUnit.SECONDS);

    assertThat(resumed.success()).as(resumed.tree()).isTrue();
    List<String> ran = Files.readAllLines(markers);
    assertThat(ran)
        .as("every step ran exactly once across both JVMs")
        .containsExactlyInAnyOrder("backup", "health-check", "deploy", "notify", "monitoring");
    assertThat(resumed.requireStep("deploy").output()).contains("deployed using backup-output");
    if (!killAt.equals("pre-deployment/backup")) {
      assertThat(resumed.toJson()).contains("\"role\" : \"restored\"");
    }
  }

  @Test
  void resumeRerunsFailedStepsAndOptedOutOnesButRestoresCompletedOutputs() {
    AtomicInteger backups = new AtomicInteger();
    AtomicInteger healthChecks = new AtomicInteger();
    boolean[] deployWorks = {false};
    java.util.function.Supplier<WorkflowStep> wf =
        () ->
            WorkflowStep.sequential(
                "deployment",
                WorkflowStep.task("backup", () -> "backup-" + backups.incrementAndGet()),
                WorkflowStep.task("health", () -> healthChecks.incrementAndGet()).rerunOnResume(),
                WorkflowStep.task(
                    "deploy",
                    ctx -> {
                      if (!deployWorks[0]) {
                        throw new IOException("registry down");
                      }
                      return "deployed " + ctx.outputOf("backup").orElseThrow();
                    }));
    WorkflowResult failed = TestWorkflowExecutor.create().run(wf.get());
    assertThat(failed.status()).isEqualTo(StepStatus.FAILED);

    deployWorks[0] = true;
    TestWorkflowExecutor executor = TestWorkflowExecutor.create();
    WorkflowResult resumed =
        executor.resume(wf.get(), WorkflowResult.fromJson(failed.toJson())).await();
    WorkflowAssertions.assertThat(resumed)
        .succeeded()
        .step("deploy")
        .hasOutput("deployed backup-1");
    assertThat(backups).hasValue(1);
    assertThat(healthChecks).hasValue(2);
  }

  @Test
  void resumeRefusesAJournalOfAnotherShapeOrWorkflowBeforeRunningAnything() {
    WorkflowResult journal =
        TestWorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "deployment",
                    WorkflowStep.task("backup", () -> 1),
                    WorkflowStep.task("deploy", () -> 2)));
    AtomicInteger ran = new AtomicInteger();
    WorkflowStep renamed =
        WorkflowStep.sequential(
            "deployment",
            WorkflowStep.task("db-backup", ran::incrementAndGet),
            WorkflowStep.task("deploy", ran::incrementAndGet));
    WorkflowExecutor executor = WorkflowExecutor.create();
    assertThatThrownBy(() -> executor.resume(renamed, journal))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step 'deployment/db-backup' is new")
        .hasMessageContaining("step 'deployment/backup' was removed or renamed");
    assertThatThrownBy(
            () ->
                executor.resume(
                    WorkflowStep.sequential("release", WorkflowStep.task("x", () -> 1)), journal))
        .hasMessageContaining("the journal is from workflow 'deployment'");
    assertThat(ran).hasValue(0);
  }

  @Test
  void journalIsAValidResultWhileTheRunIsGoing(@TempDir Path dir) throws IOException {
    Path journal = dir.resolve("j.json");
    TestWorkflowExecutor executor = TestWorkflowExecutor.create();
    TestWorkflowExecutor.TestRun run =
        executor.start(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.task("first", () -> "one"),
                WorkflowStep.action("second", FakeAction.hanging())),
            RunOptions.defaults().journal(journal));
    run.runUntilIdle();
    WorkflowResult midway = WorkflowResult.readJson(journal);
    assertThat(midway.requireStep("first").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(midway.requireStep("second").status()).isEqualTo(StepStatus.PENDING);
    assertThat(run.snapshot().requireStep("second").status()).isEqualTo(StepStatus.RUNNING);
    run.cancel();
    run.await();
    assertThat(WorkflowResult.readJson(journal).status()).isEqualTo(StepStatus.CANCELLED);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(journal);
    }
  }

  private static WorkflowStep gated() {
    return WorkflowStep.sequential(
        "production",
        WorkflowStep.approval("production-gate", Duration.ofHours(4), false),
        WorkflowStep.task("deploy", () -> "deployed"));
  }

  @Test
  void approvedGateRecordsWhoAndLetsTheDeployRun() {
    TestWorkflowExecutor executor = TestWorkflowExecutor.create();
    TestWorkflowExecutor.TestRun run = executor.start(gated());
    run.advance(Duration.ofMinutes(20));
    run.approve("production-gate", "alice", "change CHG-42 approved");
    WorkflowResult result = run.await();
    WorkflowAssertions.assertThat(result)
        .succeeded()
        .step("deploy")
        .hasStatus(StepStatus.COMPLETED);
    ApprovalDecision d =
        (ApprovalDecision) result.requireStep("production-gate").output().orElseThrow();
    assertThat(d)
        .isEqualTo(
            new ApprovalDecision(
                true,
                "alice",
                "change CHG-42 approved",
                TestWorkflowExecutor.DEFAULT_START.plusSeconds(1200)));
    assertThat(result.toJson()).contains("\"by\" : \"alice\"").contains("\"decided_at\"");
  }

  @Test
  void rejectedGateFailsTheWorkflowNamingWhoRejectedIt() {
    TestWorkflowExecutor executor = TestWorkflowExecutor.create();
    TestWorkflowExecutor.TestRun run = executor.start(gated());
    run.reject("production-gate", "bob", "freeze until Monday");
    WorkflowResult result = run.await();
    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.FAILED)
        .step("production-gate")
        .hasErrorContaining("rejected by bob")
        .hasErrorContaining("freeze until Monday")
        .step("deploy")
        .hasStatus(StepStatus.SKIPPED);
  }

  @Test
  void gateWithoutADecisionAppliesItsDefaultAtTheTimeout() {
    WorkflowResult rejected = TestWorkflowExecutor.create().run(gated());
    WorkflowAssertions.assertThat(rejected)
        .hasStatus(StepStatus.FAILED)
        .tookExactly(Duration.ofHours(4))
        .step("production-gate")
        .hasErrorContaining("rejected by timeout");
    WorkflowResult approved =
        TestWorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "staging", WorkflowStep.approval("gate", Duration.ofMinutes(10), true)));
    assertThat(approved.success()).isTrue();
  }

  @Test
  void unknownGateNamesTheGatesThereAre() {
    TestWorkflowExecutor.TestRun run = TestWorkflowExecutor.create().start(gated());
    assertThatThrownBy(() -> run.approve("prod-gate", "alice", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no approval gate 'prod-gate'")
        .hasMessageContaining("[production-gate]");
    run.cancel();
    run.await();
  }
}
