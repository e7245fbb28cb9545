package dev.ffe.core.report;

import dev.ffe.core.AttemptResult;
import dev.ffe.core.ErrorAction;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Workflows and results the report tests share; all run on the test executor's virtual clock. */
final class ReportFixtures {
  private ReportFixtures() {}

  /**
   * The seed's deployment with trouble: the backup fails twice and succeeds on its third attempt
   * after 1s and 2s of backoff, next to a health check and a cache warm-up that times out (and may:
   * CONTINUE); the deploy fails both its attempts, so the backup and the deploy are compensated,
   * the post-deployment steps are skipped and the always-run notification still runs.
   */
  static WorkflowStep deploymentDefinition() {
    Map<String, Object> archive = new LinkedHashMap<>();
    archive.put("archive", "app-data-full-20250129_020000.tar.gz");
    archive.put("files", 4);
    archive.put("bytes", 115);
    archive.put("sha256", "338bc9fac96c763449b5f114f2c005401e90486c70ec49aa4c480734dbb96dc1");
    return WorkflowStep.sequential(
        "deployment",
        WorkflowStep.parallel(
            "pre-deployment",
            WorkflowStep.action(
                    "backup",
                    FakeAction.failing(2, new IOException("disk busy: /var/backups is locked"))
                        .thenReturn(archive)
                        .after(Duration.ofMillis(700)))
                .timeout(Duration.ofMinutes(5))
                .retries(2)
                .compensateWith(
                    WorkflowStep.action(
                        "remove-backup",
                        FakeAction.succeeding("backup removed").after(Duration.ofMillis(400)))),
            WorkflowStep.action(
                    "health-check",
                    FakeAction.succeeding(Map.of("status", 200, "latency_ms", 412))
                        .after(Duration.ofMillis(1500)))
                .retries(3),
            WorkflowStep.action("cache-warmup", FakeAction.hanging())
                .timeout(Duration.ofSeconds(2))
                .onError(ErrorAction.CONTINUE)),
        WorkflowStep.action(
                "deploy",
                FakeAction.throwing(
                        new IllegalStateException("image pull failed: registry answered 503"))
                    .after(Duration.ofMillis(900)))
            .retries(1)
            .compensateWith(
                WorkflowStep.action(
                    "rollback",
                    FakeAction.succeeding("rolled back to v1").after(Duration.ofSeconds(1)))),
        WorkflowStep.parallel(
            "post-deployment",
            WorkflowStep.action("monitoring", FakeAction.succeeding("dashboards updated")),
            WorkflowStep.action("smoke-test", FakeAction.succeeding("ok"))),
        WorkflowStep.action(
                "notify", FakeAction.succeeding("posted to #ops").after(Duration.ofMillis(300)))
            .onError(ErrorAction.CONTINUE)
            .always());
  }

  /** Runs {@link #deploymentDefinition()} on a fresh test executor. */
  static WorkflowResult deployment() {
    return TestWorkflowExecutor.create().run(deploymentDefinition());
  }

  /** A run whose name, output and errors try to inject markup and script. */
  static WorkflowResult hostile() {
    WorkflowStep workflow =
        WorkflowStep.sequential(
            "evil<script>alert(1)",
            WorkflowStep.action(
                "fetch\"><img src=x onerror=alert(2)>",
                FakeAction.succeeding(
                    Map.of(
                        "body",
                        "<script>alert('out')</script>",
                        "link",
                        "http://example.invalid/"))),
            WorkflowStep.action(
                    "parse",
                    FakeAction.throwing(
                        new IllegalArgumentException(
                            "</td></tr></table><script>document.title='pwned'</script>")))
                .onError(ErrorAction.CONTINUE));
    return TestWorkflowExecutor.create().run(workflow);
  }

  /** Returns every step of the tree, compensations included, depth first. */
  static List<StepResult> allSteps(WorkflowResult result) {
    List<StepResult> all = new ArrayList<>();
    Deque<StepResult> stack = new ArrayDeque<>();
    stack.push(result.root());
    while (!stack.isEmpty()) {
      StepResult step = stack.pop();
      all.add(step);
      step.compensation().ifPresent(stack::push);
      for (int i = step.steps().size() - 1; i >= 0; i--) {
        stack.push(step.steps().get(i));
      }
    }
    return all;
  }

  /** One leaf attempt, identified as the report's data attributes identify it. */
  record AttemptKey(String step, int attempt) {}

  /** Returns the leaf attempts ordered by start on the workflow clock, ties in tree order. */
  static List<AttemptKey> attemptsInStartOrder(WorkflowResult result) {
    record Timed(AttemptKey key, Instant start, int order) {}
    List<Timed> timed = new ArrayList<>();
    for (StepResult step : allSteps(result)) {
      if (!step.steps().isEmpty() || step == result.root()) {
        continue;
      }
      for (AttemptResult a : step.attempts()) {
        timed.add(new Timed(new AttemptKey(step.path(), a.number()), a.startedAt(), timed.size()));
      }
    }
    timed.sort(Comparator.comparing(Timed::start).thenComparingInt(Timed::order));
    return timed.stream().map(Timed::key).toList();
  }

  /** Builds a chain of {@code depth} nested sequential groups ending in one completed leaf. */
  static WorkflowResult deepChain(int depth) {
    Instant t0 = TestWorkflowExecutor.DEFAULT_START;
    Instant t1 = t0.plusSeconds(1);
    StringBuilder path = new StringBuilder();
    List<String> paths = new ArrayList<>();
    for (int i = 1; i <= depth; i++) {
      path.append(i == 1 ? "" : "/").append("g").append(i);
      paths.add(path.toString());
    }
    StepResult current =
        new StepResult(
            "leaf",
            path + "/leaf",
            StepStatus.COMPLETED,
            t0,
            t1,
            List.of(new AttemptResult(1, t0, t1, Duration.ZERO, StepStatus.COMPLETED, null)),
            "done",
            null,
            null,
            List.of(),
            null,
            null);
    for (int i = depth; i >= 1; i--) {
      current =
          new StepResult(
              "g" + i,
              paths.get(i - 1),
              StepStatus.COMPLETED,
              t0,
              t1,
              List.of(),
              null,
              null,
              null,
              List.of(current),
              null,
              null);
    }
    return new WorkflowResult(
        new StepResult(
            "deep",
            "",
            StepStatus.COMPLETED,
            t0,
            t1,
            List.of(),
            null,
            null,
            null,
            List.of(current),
            null,
            null));
  }
}
