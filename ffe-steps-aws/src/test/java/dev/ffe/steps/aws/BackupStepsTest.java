package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.StepParameters;
import dev.ffe.core.StepProvider;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupStepsTest {
  @TempDir Path tmp;
  Path source;

  @BeforeEach
  void setUp() throws Exception {
    source = Trees.sample(tmp.resolve("src"));
  }

  @Test
  void aNightlyWorkflowBacksUpVerifiesTestRestoresAndCleansUpOnTheWorkflowClock() throws Exception {
    Backups backups =
        Backups.builder(
                BackupSpec.builder("ffe").source(source).build(), LocalTarget.of(tmp.resolve("b")))
            .workDirectory(tmp.resolve("work"))
            .build();
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "nightly",
            BackupSteps.full("full", backups),
            BackupSteps.incremental("incremental", backups).delay(Duration.ofDays(1)),
            BackupSteps.verify("verify", backups, Backups.LATEST),
            BackupSteps.testRecovery("test-recovery", backups, List.of("app/config/app.yml")),
            BackupSteps.cleanup("cleanup", backups, true),
            BackupSteps.restore("restore", backups, Backups.LATEST, tmp.resolve("restored"), false),
            WorkflowStep.task("read-context", ctx -> ctx.require(BackupSteps.BACKUP).archive()));

    WorkflowResult result = TestWorkflowExecutor.create().run(workflow);

    assertThat(result.success()).as(result.tree()).isTrue();
    BackupResult full = (BackupResult) result.requireStep("full").output().orElseThrow();
    assertThat(full.archive()).isEqualTo("ffe-full-20250129_020000.tar.gz");
    BackupResult inc = (BackupResult) result.requireStep("incremental").output().orElseThrow();
    assertThat(inc.archive()).isEqualTo("ffe-incremental-20250130_020000.tar.gz");
    assertThat(result.requireStep("read-context").output()).contains(inc.archive());
    assertThat(((VerifyResult) result.requireStep("verify").output().orElseThrow()).valid())
        .isTrue();
    assertThat(
            ((TestRecoveryResult) result.requireStep("test-recovery").output().orElseThrow())
                .success())
        .isTrue();
    assertThat(((CleanupResult) result.requireStep("cleanup").output().orElseThrow()).deleted())
        .isEmpty();
    assertThat(tmp.resolve("restored/app/config/app.yml")).exists();
    assertThat(result.toJson().replace(" ", ""))
        .contains("\"archive\":\"ffe-full-20250129_020000.tar.gz\"")
        .contains("\"archive_bytes\"");
  }

  @Test
  void aFailedTestRecoveryFailsTheStep() {
    Backups backups =
        Backups.builder(
                BackupSpec.builder("ffe").source(source).build(), LocalTarget.of(tmp.resolve("b")))
            .build();
    WorkflowResult result =
        TestWorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "wf",
                    BackupSteps.full("full", backups),
                    BackupSteps.testRecovery("check", backups, List.of("app/config/missing.yml"))));
    assertThat(result.requireStep("check").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.requireStep("check").error().orElseThrow())
        .contains("app/config/missing.yml");
  }

  private static StepProvider provider() {
    return ServiceLoader.load(StepProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p instanceof AwsStepProvider)
        .findFirst()
        .orElseThrow();
  }

  private static StepParameters params(Map<String, ?> values) {
    return new StepParameters("step 'x'", values);
  }

  @Test
  void theProviderIsRegisteredAndBuildsEveryBackupAction() throws Exception {
    StepProvider provider = provider();
    assertThat(provider.types())
        .containsExactlyInAnyOrder(
            "backup.full",
            "backup.incremental",
            "backup.verify",
            "backup.restore",
            "backup.cleanup",
            "backup.test-recovery");
    String target = "file:" + tmp.resolve("b");
    Map<String, Object> common = Map.of("name", "ffe", "target", target, "environment", "staging");
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "from-yaml",
            provider.create(
                "backup.full",
                "full",
                params(
                    with(
                        common,
                        Map.of(
                            "sources",
                            List.of(source.toString()),
                            "exclude",
                            "*.log",
                            "compression-level",
                            1)))),
            provider
                .create(
                    "backup.incremental",
                    "inc",
                    params(
                        with(
                            common,
                            Map.of("sources", List.of(source.toString()), "exclude", "*.log"))))
                .delay(Duration.ofHours(1)),
            provider.create("backup.verify", "verify", params(common)),
            provider.create(
                "backup.test-recovery",
                "test",
                params(with(common, Map.of("critical", List.of("app/config/app.yml"))))),
            provider.create(
                "backup.cleanup",
                "cleanup",
                params(
                    with(
                        common,
                        Map.of("keep-incrementals", "7d", "keep-fulls", "30d", "dry-run", true)))),
            provider.create(
                "backup.restore",
                "restore",
                params(with(common, Map.of("into", tmp.resolve("r").toString())))));

    WorkflowResult result = TestWorkflowExecutor.create().run(workflow);

    assertThat(result.success()).as(result.tree()).isTrue();
    assertThat(Files.exists(tmp.resolve("b/staging/ffe-full-20250129_020000.tar.gz"))).isTrue();
    assertThat(tmp.resolve("r/app/config/app.yml")).exists();
    assertThat(tmp.resolve("r/app/logs/app.log")).doesNotExist();
  }

  @Test
  void theProviderRejectsMisspeltAndMissingParameters() {
    StepProvider provider = provider();
    String target = tmp.toString();
    assertThatThrownBy(
            () ->
                provider.create(
                    "backup.full",
                    "x",
                    params(
                        Map.of("name", "ffe", "target", target, "sources", "a", "exclude_", "b"))))
        .hasMessageContaining("exclude_");
    assertThatThrownBy(
            () ->
                provider.create(
                    "backup.full", "x", params(Map.of("name", "ffe", "target", target))))
        .hasMessageContaining("sources");
    assertThatThrownBy(
            () ->
                provider.create(
                    "backup.restore", "x", params(Map.of("name", "ffe", "target", target))))
        .hasMessageContaining("into");
    assertThatThrownBy(
            () ->
                provider.create(
                    "backup.verify", "x", params(Map.of("name", "ffe", "target", "ftp://x"))))
        .hasMessageContaining("s3://bucket/prefix");
    assertThatThrownBy(
            () ->
                provider.create(
                    "backup.nope", "x", params(Map.of("name", "ffe", "target", target))))
        .hasMessageContaining("unknown action type");
  }

  private static Map<String, Object> with(Map<String, Object> a, Map<String, ?> b) {
    Map<String, Object> m = new java.util.HashMap<>(a);
    m.putAll(b);
    return m;
  }
}
