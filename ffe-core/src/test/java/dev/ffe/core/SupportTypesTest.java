package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportTypesTest {

  @Test
  void durationsParseTheCliFormsAndNameBadInput() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.seconds(Duration.ofMillis(1234))).isEqualTo(1.234);
    assertThatThrownBy(() -> Durations.parse("ten seconds"))
        .hasMessageContaining("'ten seconds' is not a duration");
  }

  @Test
  void stepParametersAreTypedAndRejectUnknownNames() {
    StepParameters p =
        new StepParameters(
            "step 'x' (test)",
            Map.of(
                "url",
                "http://localhost",
                "retries",
                3,
                "timeout",
                "5s",
                "verbose",
                true,
                "tags",
                List.of("a", "b"),
                "headers",
                Map.of("k", "v"),
                "ratio",
                0.5));
    assertThat(p.requireString("url")).isEqualTo("http://localhost");
    assertThat(p.integer("retries", 0)).isEqualTo(3);
    assertThat(p.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.bool("verbose", false)).isTrue();
    assertThat(p.strings("tags")).containsExactly("a", "b");
    assertThat(p.stringMap("headers")).containsEntry("k", "v");
    assertThat(p.number("ratio", 0)).isEqualTo(0.5);
    assertThat(p.integer("absent", 7)).isEqualTo(7);
    p.requireAllUsed();

    StepParameters bad = new StepParameters("step 'y' (test)", Map.of("tiemout", "5s", "n", "x"));
    assertThatThrownBy(() -> bad.integer("n", 0))
        .hasMessageContaining("step 'y' (test): parameter 'n' should be a whole number");
    assertThatThrownBy(() -> bad.requireString("url")).hasMessageContaining("'url' is missing");
    assertThatThrownBy(bad::requireAllUsed).hasMessageContaining("unknown parameter(s) [tiemout]");
  }

  @Test
  void contextKeysCompareByName() {
    assertThat(ContextKey.of("v", String.class)).isEqualTo(ContextKey.of("v", String.class));
    assertThat(ContextKey.of("v", String.class).toString()).contains("v: String");
    assertThatThrownBy(() -> ContextKey.of(" ", String.class)).hasMessageContaining("blank");
  }

  @Test
  void resultJsonIsWrittenAtomicallyWithoutClobberingAnEarlierRun(@TempDir Path logs) {
    WorkflowResult result =
        dev.ffe.core.testing.TestWorkflowExecutor.create()
            .run(WorkflowStep.sequential("nightly backup", WorkflowStep.task("a", () -> "x")));
    Path first = result.writeJson(logs);
    Path second = result.writeJson(logs);
    assertThat(first.getFileName().toString())
        .isEqualTo("workflow_nightly_backup_20250129T020000Z.json");
    assertThat(second.getFileName().toString())
        .isEqualTo("workflow_nightly_backup_20250129T020000Z_2.json");
    assertThat(logs.toFile().list()).hasSize(2);
  }

  @Test
  void truncatedOrForeignJsonIsRejectedWithTheFileName(@TempDir Path dir) throws IOException {
    Path truncated =
        Files.writeString(dir.resolve("t.json"), "{\"workflow_name\": \"x\", \"steps\": [");
    assertThatThrownBy(() -> WorkflowResult.readJson(truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t.json")
        .hasMessageContaining("truncated");
    Path foreign = Files.writeString(dir.resolve("f.json"), "{\"name\": \"x\"}");
    assertThatThrownBy(() -> WorkflowResult.readJson(foreign))
        .hasMessageContaining("'workflow_name' is missing");
    assertThatThrownBy(() -> WorkflowResult.readJson(dir.resolve("missing.json")))
        .hasMessageContaining("cannot read result file");
  }

  @Test
  void seedShapedJsonWithoutExtraFieldsIsReadable() {
    WorkflowResult r =
        WorkflowResult.fromJson(
            "{\"workflow_name\": \"deployment\", \"success\": true, \"duration\": 45.2,"
                + " \"steps\": [{\"name\": \"backup\", \"status\": \"completed\", \"duration\": 12.3,"
                + " \"output\": \"Database backup created\"}]}");
    assertThat(r.success()).isTrue();
    assertThat(r.duration()).isEqualTo(Duration.ofMillis(45200));
    assertThat(r.requireStep("backup").output()).contains("Database backup created");
    assertThatThrownBy(() -> r.requireStep("nope")).hasMessageContaining("no step 'nope'");
  }

  @Test
  void failsafePolicyWrapsAStep() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy<Object> retry =
        RetryPolicy.builder().withMaxRetries(2).withDelay(Duration.ofMillis(1)).build();
    StepAction flaky =
        ctx ->
            calls.incrementAndGet() < 3
                ? CompletableFuture.failedFuture(new IOException("flaky"))
                : CompletableFuture.completedFuture("ok");
    WorkflowResult result =
        WorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "wf",
                    WorkflowStep.action("a", FailsafeAdapter.wrap(Failsafe.with(retry), flaky))))
            .get(30, TimeUnit.SECONDS);
    assertThat(result.requireStep("a").output()).contains("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void resilience4jRetryAndTimeLimiterWrapAStep() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicInteger calls = new AtomicInteger();
      Retry retry =
          Retry.of(
              "r", RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(1)).build());
      TimeLimiter limiter =
          TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(5)).build());
      StepAction flaky =
          ctx ->
              calls.incrementAndGet() < 2
                  ? CompletableFuture.failedFuture(new IOException("flaky"))
                  : CompletableFuture.completedFuture("ok");
      WorkflowResult result =
          WorkflowExecutor.create()
              .run(
                  WorkflowStep.sequential(
                      "wf",
                      WorkflowStep.action(
                          "a", Resilience4jAdapter.wrap(retry, limiter, scheduler, flaky))))
              .get(30, TimeUnit.SECONDS);
      assertThat(result.requireStep("a").output()).contains("ok");
      assertThat(calls).hasValue(2);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void adaptersWrapPlainJavaCallables() throws Exception {
    WorkflowResult result =
        WorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "wf",
                    WorkflowStep.action("r", StepAction.of(() -> {})),
                    WorkflowStep.action("s", StepAction.ofSupplier(() -> 1)),
                    WorkflowStep.action("c", StepAction.ofCallable(() -> 2)),
                    WorkflowStep.action("f", StepAction.ofFunction(ctx -> ctx.stepName())),
                    WorkflowStep.task("t", () -> 3)))
            .get(30, TimeUnit.SECONDS);
    assertThat(result.requireStep("f").output()).contains("f");
    assertThat(result.requireStep("t").output()).contains(3);
    assertThat(result.requireStep("r").output()).isEmpty();
  }
}
