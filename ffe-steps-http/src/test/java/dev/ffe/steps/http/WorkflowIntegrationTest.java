package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.ErrorAction;
import dev.ffe.core.StepParameters;
import dev.ffe.core.StepProvider;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkflowIntegrationTest {
  static TestHttpServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestHttpServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void healthCheckWaitsThirtySecondsInVirtualTimeAfterADeploy() {
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "deploy",
            WorkflowStep.task("deploy-app", () -> "deployed"),
            HealthCheck.builder(server.url("/health"))
                .grading(HealthCheckTest.LENIENT)
                .build()
                .step("health")
                .delay(Duration.ofSeconds(30)));
    long realStart = System.nanoTime();
    WorkflowResult result = TestWorkflowExecutor.create().run(workflow);
    assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(10));
    assertThat(result.success()).isTrue();
    HealthCheckResult health =
        (HealthCheckResult) result.requireStep("health").output().orElseThrow();
    assertThat(health.level()).isEqualTo(AlertLevel.INFO);
    assertThat(health.checkedAt()).isEqualTo(TestWorkflowExecutor.DEFAULT_START.plusSeconds(30));
    assertThat(result.toJson()).contains("latency_ms", "checked_at");
  }

  @Test
  void failingCheckFailsTheStepAndAlertsOnceAcrossScheduledRuns() {
    AlertingTest.Recording channel = new AlertingTest.Recording();
    Alerting alerting = Alerting.builder().channel(channel).build();
    java.util.function.Function<String, WorkflowStep> monitoring =
        url ->
            WorkflowStep.sequential(
                "monitoring",
                HealthCheck.builder(url)
                    .grading(HealthCheckTest.LENIENT)
                    .build()
                    .step("api-health")
                    .onError(ErrorAction.CONTINUE),
                alerting.step("alert", List.of("api-health")));
    TestWorkflowExecutor executor = TestWorkflowExecutor.create();
    WorkflowResult first = executor.run(monitoring.apply(server.url("/health?status=503")));
    StepResult check = first.requireStep("api-health");
    assertThat(check.status()).isEqualTo(StepStatus.FAILED);
    assertThat(check.error())
        .hasValueSatisfying(e -> assertThat(e).contains("status 503, expected 200"));
    assertThat(first.requireStep("alert").status()).isEqualTo(StepStatus.COMPLETED);
    executor.run(monitoring.apply(server.url("/health?status=503")));
    assertThat(channel.kinds()).containsExactly(Alert.Kind.TRIGGERED);
    assertThat(channel.sent.get(0).key()).isEqualTo("monitoring/api-health");
    assertThat(channel.sent.get(0).values()).containsEntry("status", 503);
    WorkflowResult healed = executor.run(monitoring.apply(server.url("/health")));
    assertThat(healed.success()).isTrue();
    assertThat(channel.kinds()).containsExactly(Alert.Kind.TRIGGERED, Alert.Kind.RESOLVED);
    assertThat(healed.toJson()).contains("consecutive_successes");
  }

  @Test
  void alertStepTreatsAFailedStepWithoutResultAsCritical() {
    AlertingTest.Recording channel = new AlertingTest.Recording();
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "nightly",
            WorkflowStep.task(
                    "backup",
                    () -> {
                      throw new IllegalStateException("disk full");
                    })
                .onError(ErrorAction.CONTINUE),
            WorkflowStep.task("report", () -> "ok"),
            Alerting.builder()
                .channel(channel)
                .build()
                .step("alert", List.of("backup", "report", "never-ran")));
    WorkflowResult result = TestWorkflowExecutor.create().run(workflow);
    assertThat(channel.sent)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.level()).isEqualTo(AlertLevel.CRITICAL);
              assertThat(a.message()).contains("backup failed", "disk full");
            });
    @SuppressWarnings("unchecked")
    List<AlertOutcome> outcomes =
        (List<AlertOutcome>) result.requireStep("alert").output().orElseThrow();
    assertThat(outcomes)
        .extracting(AlertOutcome::key)
        .containsExactly("nightly/backup", "nightly/report");
  }

  @Test
  void alertStepFailsWhenANoticeCannotBeDelivered() {
    AlertingTest.Recording channel = new AlertingTest.Recording();
    channel.failing = true;
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "wf",
            HealthCheck.builder(server.url("/h?status=500"))
                .build()
                .step("check")
                .onError(ErrorAction.CONTINUE),
            Alerting.builder().channel(channel).build().step("alert", List.of("check")));
    WorkflowResult result = TestWorkflowExecutor.create().run(workflow);
    assertThat(result.requireStep("alert").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.requireStep("alert").error())
        .hasValueSatisfying(e -> assertThat(e).contains("recording: down"));
  }

  @Test
  void loadTestStepStopsWhenItsTimeoutCancelsIt() throws Exception {
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "load",
            LoadTest.builder(server.url("/"))
                .task(LoadTask.get("t", "/lt"))
                .closedModel(2, 100)
                .thinkTime(Duration.ofMillis(5), Duration.ofMillis(10))
                .duration(Duration.ofMinutes(10))
                .build()
                .step("soak")
                .timeout(Duration.ofMillis(700)));
    long start = System.nanoTime();
    WorkflowResult result = WorkflowExecutor.create().run(workflow).get(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(result.requireStep("soak").status()).isEqualTo(StepStatus.TIMED_OUT);
  }

  @Test
  void loadTestAndProbeStepsPublishTheirResults() {
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "perf",
            HttpSteps.apiProbe(
                "probe",
                List.of(ApiEndpoint.builder("h", server.url("/p")).threshold("errors==0").build())),
            LoadTest.builder(server.url("/"))
                .task(LoadTask.get("t", "/lt"))
                .openModel(50)
                .duration(Duration.ofMillis(400))
                .threshold("rps>=100000")
                .build()
                .step("load"));
    WorkflowResult result = TestWorkflowExecutor.create().run(workflow);
    assertThat(result.requireStep("probe").output()).containsInstanceOf(ApiProbeResult.class);
    StepResult load = result.requireStep("load");
    assertThat(load.status()).isEqualTo(StepStatus.FAILED);
    assertThat(load.error())
        .hasValueSatisfying(e -> assertThat(e).contains("rps was", "breaking >= 100000/s"));
    assertThat(result.toJson()).contains("\"mean_ms\"", "\"median_ms\"");
  }

  private static StepProvider provider() {
    for (StepProvider p : ServiceLoader.load(StepProvider.class)) {
      if (p instanceof HttpStepProvider) {
        return p;
      }
    }
    throw new AssertionError("HttpStepProvider is not registered");
  }

  private static WorkflowStep create(String type, Map<String, ?> params) {
    return provider().create(type, "s", new StepParameters("step 's' (" + type + ")", params));
  }

  @Test
  void providerMakesEveryTypeFromWorkflowFileParameters() {
    assertThat(provider().types())
        .containsExactlyInAnyOrder(
            "http.health-check",
            "http.tls-check",
            "http.api-probe",
            "http.load-test",
            "http.alert");
    WorkflowStep health =
        create(
            "http.health-check",
            Map.of(
                "url",
                server.url("/h?status=204&body="),
                "expect_status",
                List.of(200, 204),
                "timeout",
                "5s",
                "initial_wait",
                "30s",
                "warning_above",
                "1s",
                "critical_above",
                "3s",
                "headers",
                Map.of("X-A", "b")));
    assertThat(health.delay()).isEqualTo(Duration.ofSeconds(30));
    WorkflowResult r = TestWorkflowExecutor.create().run(WorkflowStep.sequential("w", health));
    assertThat(r.success()).isTrue();
    assertThat(
            create(
                    "http.tls-check",
                    Map.of("host", "localhost", "port", 8443, "warn_within", "14d"))
                .name())
        .isEqualTo("s");
    assertThat(
            create(
                "http.api-probe",
                Map.of(
                    "endpoints",
                    Map.of("a", server.url("/a")),
                    "requests",
                    5,
                    "thresholds",
                    List.of("p95<1s"))))
        .isNotNull();
    assertThat(
            create(
                "http.load-test",
                Map.of(
                    "url",
                    server.url("/"),
                    "tasks",
                    Map.of("browse", "3 GET /p", "h", "/h"),
                    "users",
                    50,
                    "spawn_rate",
                    5,
                    "duration",
                    "2m",
                    "think_min",
                    "1s",
                    "think_max",
                    "3s",
                    "thresholds",
                    List.of("p95<500ms"))))
        .isNotNull();
    assertThat(
            create(
                "http.load-test",
                Map.of("url", server.url("/"), "tasks", Map.of("a", "POST /x"), "rate", 100)))
        .isNotNull();
    assertThat(
            create(
                "http.alert",
                Map.of(
                    "watch",
                    List.of("a"),
                    "github_repo",
                    "acme/shop",
                    "github_token",
                    "t0k3n",
                    "github_api_url",
                    "http://127.0.0.1:1/api/v3",
                    "webhook_url",
                    "http://127.0.0.1:1/hook",
                    "failure_threshold",
                    2,
                    "success_threshold",
                    2,
                    "reminder",
                    "1h",
                    "fail_at",
                    "critical")))
        .isNotNull();
  }

  @Test
  void providerRejectsBadParametersClearly() {
    assertThatThrownBy(
            () -> create("http.health-check", Map.of("url", server.url("/"), "timout", "5s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown parameter(s) [timout]");
    assertThatThrownBy(() -> create("http.health-check", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'url' is missing");
    assertThatThrownBy(
            () ->
                create(
                    "http.load-test",
                    Map.of("url", "http://x/", "tasks", Map.of("a", "/"), "users", 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("users is 0");
    assertThatThrownBy(
            () -> create("http.load-test", Map.of("url", "http://x/", "tasks", Map.of("a", "/"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither");
    assertThatThrownBy(
            () ->
                create(
                    "http.load-test",
                    Map.of("url", "http://x/", "tasks", Map.of("a", "1 2 3 /x"), "rate", 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                create(
                    "http.load-test",
                    Map.of(
                        "url",
                        "http://x/",
                        "tasks",
                        Map.of("a", "/"),
                        "rate",
                        5,
                        "thresholds",
                        List.of("p100<5ms"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown metric");
    assertThatThrownBy(() -> create("http.api-probe", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> create("http.alert", Map.of("watch", List.of("a"), "fail_at", "bad")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> create("http.alert", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'watch' is missing");
    assertThatThrownBy(
            () ->
                create(
                    "http.alert",
                    Map.of(
                        "watch",
                        List.of("a"),
                        "github_repo",
                        "a/b",
                        "github_token_env",
                        "FFE_TEST_SURELY_UNSET_VARIABLE")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FFE_TEST_SURELY_UNSET_VARIABLE is not set");
    assertThatThrownBy(() -> create("http.nope", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loadTestMainPrintsTheJsonReport() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        LoadTestMain.run(
            new String[] {
              server.url("/main?x=1"),
              "--rate",
              "50",
              "--connections",
              "4",
              "--duration",
              "500ms",
              "--threads",
              "1",
              "--threshold",
              "error_rate<1%"
            },
            new java.io.PrintStream(out, true, "UTF-8"),
            new java.io.PrintStream(err, true, "UTF-8"));
    assertThat(code).isZero();
    assertThat(out.toString("UTF-8")).contains("\"rps\"", "\"latency_ms\"");
    assertThat(server.requests).anySatisfy(q -> assertThat(q.query()).isEqualTo("x=1"));
    assertThat(
            LoadTestMain.run(
                new String[] {"http://x/", "--bogus", "1"},
                new java.io.PrintStream(out, true, "UTF-8"),
                new java.io.PrintStream(err, true, "UTF-8")))
        .isEqualTo(2);
    assertThat(
            LoadTestMain.parse(new String[] {"http://x/", "--users", "3", "--spawn-rate", "1"})
                .duration())
        .isEqualTo(Duration.ofSeconds(10));
  }
}
