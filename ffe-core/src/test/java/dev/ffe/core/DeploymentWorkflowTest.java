package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.TestWorkflowExecutor;
import dev.ffe.core.testing.WorkflowAssertions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's deployment workflow, with fake actions, under both executors. */
class DeploymentWorkflowTest {

  static WorkflowStep deployment(
      StepAction backup,
      StepAction health,
      StepAction deploy,
      StepAction notify,
      StepAction monitoring) {
    return WorkflowStep.sequential(
        "deployment",
        WorkflowStep.parallel(
            "pre-deployment",
            WorkflowStep.action("backup", backup).timeout(Duration.ofMinutes(5)).retries(2),
            WorkflowStep.action("health-check", health).retries(3)),
        WorkflowStep.action("deploy", deploy).onError(ErrorAction.FAIL),
        WorkflowStep.parallel(
            "post-deployment",
            WorkflowStep.action("notify", notify).onError(ErrorAction.CONTINUE),
            WorkflowStep.action("monitoring", monitoring)));
  }

  @Test
  void retriedBackupAndContinueFailureOfNotifyStillSucceedInTheSeedsJsonShape(@TempDir Path logs)
      throws IOException {
    FakeAction backup =
        FakeAction.failing(2, new IOException("disk busy")).thenReturn("Database backup created");
    WorkflowStep workflow =
        deployment(
            backup,
            FakeAction.succeeding("healthy"),
            FakeAction.succeeding("deployed v2"),
            FakeAction.throwing(new IllegalStateException("slack unreachable")),
            FakeAction.succeeding("dashboards updated"));

    WorkflowResult result = TestWorkflowExecutor.create().run(workflow);

    WorkflowAssertions.assertThat(result)
        .succeeded()
        .step("pre-deployment/backup")
        .hasStatus(StepStatus.COMPLETED)
        .hasAttempts(3)
        .hasDelaysBetweenAttempts(Duration.ofSeconds(1), Duration.ofSeconds(2))
        .hasOutput("Database backup created")
        .step("post-deployment/notify")
        .hasStatus(StepStatus.FAILED)
        .hasErrorContaining("slack unreachable")
        .step("post-deployment/monitoring")
        .hasStatus(StepStatus.COMPLETED);

    Path file = result.writeJson(logs);
    assertThat(file.getFileName().toString())
        .isEqualTo("workflow_deployment_20250129T020000Z.json");
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.get("workflow_name").asText()).isEqualTo("deployment");
    assertThat(json.get("success").asBoolean()).isTrue();
    assertThat(json.get("duration").asDouble()).isEqualTo(3.0);
    JsonNode pre = json.get("steps").get(0);
    assertThat(pre.get("name").asText()).isEqualTo("pre-deployment");
    JsonNode backupJson = pre.get("steps").get(0);
    assertThat(backupJson.get("name").asText()).isEqualTo("backup");
    assertThat(backupJson.get("status").asText()).isEqualTo("completed");
    assertThat(backupJson.get("output").asText()).isEqualTo("Database backup created");
    assertThat(backupJson.get("attempts").asInt()).isEqualTo(3);
    assertThat(json.get("steps").get(2).get("steps").get(0).get("status").asText())
        .isEqualTo("failed");

    WorkflowResult readBack = WorkflowResult.readJson(file);
    assertThat(readBack.toJson()).isEqualTo(result.toJson());
  }

  @Test
  void runsUnderTheRealExecutor() throws Exception {
    WorkflowStep workflow =
        deployment(
            StepAction.ofSupplier(() -> "Database backup created"),
            StepAction.ofSupplier(() -> "healthy"),
            StepAction.of(() -> {}),
            ctx -> {
              throw new IllegalStateException("no webhook");
            },
            StepAction.ofSupplier(() -> "ok"));

    WorkflowResult result = WorkflowExecutor.create().run(workflow).get(30, TimeUnit.SECONDS);

    assertThat(result.success()).as(result.tree()).isTrue();
    assertThat(result.requireStep("post-deployment/notify").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.requireStep("pre-deployment/backup").output())
        .contains("Database backup created");
  }
}
