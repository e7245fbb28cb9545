package dev.ffe.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
  @TempDir Path dir;

  private static WorkflowResult run(Example example) {
    try (example) {
      return WorkflowExecutor.builder().seed(1).build().run(example.workflow()).join();
    }
  }

  @Test
  void deploymentBacksUpDeploysNotifiesAndMonitors() {
    try (DeploymentExample example = DeploymentExample.open(dir)) {
      WorkflowResult result = WorkflowExecutor.create().run(example.workflow()).join();

      assertThat(result.success()).as(result.tree()).isTrue();
      assertThat(example.servedVersion()).isEqualTo(DeploymentExample.DEFAULT_VERSION);
      assertThat(example.receivedNotices()).singleElement().asString().contains("2.0.0");
      assertThat(result.requireStep("pre-deployment/backup").status())
          .isEqualTo(StepStatus.COMPLETED);
      assertThat(result.requireStep("deploy").compensation()).isEmpty();
    }
  }

  @Test
  void deploymentRollsBackWhenTheDeployScriptFails() {
    try (DeploymentExample example = DeploymentExample.open(dir, "not-a-version")) {
      WorkflowResult result = WorkflowExecutor.create().run(example.workflow()).join();

      assertThat(result.success()).isFalse();
      assertThat(result.requireStep("deploy").status()).isEqualTo(StepStatus.FAILED);
      assertThat(result.requireStep("deploy").compensation())
          .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(StepStatus.COMPLETED));
      assertThat(example.servedVersion()).isEqualTo("1.0.0");
      // notify always runs, after the rollback, and reports both
      assertThat(result.requireStep("notify").status()).isEqualTo(StepStatus.COMPLETED);
      assertThat(example.receivedNotices())
          .singleElement()
          .asString()
          .contains("failed at 'deploy'")
          .contains("rollback rollback completed");
    }
  }

  @Test
  void backupTakesAFullBackupOnSunday() {
    BackupExample example = BackupExample.open(dir);
    WorkflowResult result =
        TestWorkflowExecutor.builder()
            .start(Instant.parse("2025-02-02T02:00:00Z")) // a Sunday
            .build()
            .run(example.workflow());

    assertThat(result.success()).as(result.tree()).isTrue();
    assertThat(result.requireStep("full-backup").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(result.requireStep("incremental-backup").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.requireStep("test-recovery").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(example.offsite()).isNotEmptyDirectory();
  }

  @Test
  void backupTakesAnIncrementalBackupOnWeekdays() {
    BackupExample example = BackupExample.open(dir);
    WorkflowResult result =
        TestWorkflowExecutor.builder()
            .start(Instant.parse("2025-02-04T02:00:00Z")) // a Tuesday
            .build()
            .run(example.workflow());

    assertThat(result.success()).as(result.tree()).isTrue();
    assertThat(result.requireStep("full-backup").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.requireStep("incremental-backup").status()).isEqualTo(StepStatus.COMPLETED);
  }

  @Test
  void monitoringIsQuietWhileTheServiceIsHealthy() {
    try (MonitoringExample example = MonitoringExample.open(dir)) {
      WorkflowResult result = WorkflowExecutor.create().run(example.workflow()).join();

      assertThat(result.success()).as(result.tree()).isTrue();
      // A slow machine may grade a first request WARNING (over 2 s); never CRITICAL.
      assertThat(example.receivedAlerts()).noneMatch(alert -> alert.contains("CRITICAL"));
    }
  }

  @Test
  void monitoringAlertsTheWebhookDuringAnOutage() {
    try (MonitoringExample example = MonitoringExample.open(dir)) {
      example.simulateOutage(true);
      WorkflowResult result = WorkflowExecutor.create().run(example.workflow()).join();

      assertThat(result.requireStep("checks/service-health").status()).isEqualTo(StepStatus.FAILED);
      assertThat(result.requireStep("alerts").status()).isEqualTo(StepStatus.COMPLETED);
      assertThat(example.receivedAlerts()).singleElement().asString().contains("service-health");
      example.simulateOutage(false);
    }
  }

  @Test
  void performanceProbesEveryEndpoint() {
    WorkflowResult result = run(PerformanceExample.open(dir));

    assertThat(result.success()).as(result.tree()).isTrue();
    assertThat(result.requireStep("api-probe").output()).isPresent();
  }

  @Test
  void releaseTagsTheNextMinorVersionWithAChangelog() throws Exception {
    ReleaseExample example = ReleaseExample.open(dir);
    WorkflowResult result = run(example);

    assertThat(result.success()).as(result.tree()).isTrue();
    assertThat(Files.readString(example.repository().resolve("CHANGELOG.md")))
        .contains("1.1.0")
        .contains("search users by name");
    try (Git git = Git.open(example.repository().toFile())) {
      assertThat(git.tagList().call())
          .extracting(ref -> ref.getName())
          .contains("refs/tags/v1.1.0");
    }
    assertThat(result.requireStep("notify").output()).hasValue("released v1.1.0 (1.1.0)");
  }

  @Test
  void devSetupReportsToolVersions() {
    WorkflowResult result = run(DevSetupExample.open(dir));

    assertThat(result.requireStep("report").output())
        .hasValueSatisfying(
            v ->
                assertThat(((Map<?, ?>) v).keySet())
                    .extracting(Object::toString)
                    .contains("java", "maven", "git"));
    assertThat(DevSetupExample.firstVersion("git version 2.39.5")).isEqualTo("2.39.5");
    assertThat(DevSetupExample.firstVersion("nothing")).isEqualTo("unknown");
  }

  @Test
  void catalogueOpensEveryExampleByName() {
    for (String name : Examples.names()) {
      Path work = dir.resolve(name);
      try (Example example = Examples.open(name, work)) {
        assertThat(example.name()).isEqualTo(name);
        assertThat(example.description()).isEqualTo(Examples.description(name));
        assertThat(example.workflow().name()).isEqualTo(name);
      }
    }
    assertThatThrownBy(() -> Examples.open("nope", dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deployment");
  }
}
