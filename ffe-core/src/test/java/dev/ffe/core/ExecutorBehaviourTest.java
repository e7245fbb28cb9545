package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.TestWorkflowExecutor;
import dev.ffe.core.testing.WorkflowAssertions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ExecutorBehaviourTest {
  private final TestWorkflowExecutor executor = TestWorkflowExecutor.create();

  @Test
  void falseConditionSkipsTheStepAndTheWorkflowStillSucceeds() {
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.action("a", FakeAction.succeeding(1)).when(ctx -> false),
                WorkflowStep.action("b", FakeAction.succeeding(2))));
    WorkflowAssertions.assertThat(result)
        .succeeded()
        .step("a")
        .hasStatus(StepStatus.SKIPPED)
        .hasErrorContaining("condition was false")
        .step("b")
        .hasOutput(2);
    assertThat(result.toJson()).contains("\"reason\" : \"condition was false\"");
  }

  @Test
  void conditionThatThrowsFailsTheStepWithItsMessage() {
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.action("a", FakeAction.succeeding(1))
                    .when(
                        ctx -> {
                          throw new IllegalStateException("flag service down");
                        })));
    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.FAILED)
        .step("a")
        .hasStatus(StepStatus.FAILED)
        .hasErrorContaining("flag service down");
  }

  @Test
  void delayWaitsOnTheWorkflowClockBeforeTheFirstAttempt() {
    FakeAction health = FakeAction.succeeding("up");
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf", WorkflowStep.action("health", health).delay(Duration.ofSeconds(30))));
    assertThat(health.invocations().get(0).at())
        .isEqualTo(TestWorkflowExecutor.DEFAULT_START.plusSeconds(30));
    assertThat(result.duration()).isEqualTo(Duration.ofSeconds(30));
  }

  private static WorkflowStep flakyWithJitter() {
    return WorkflowStep.sequential(
        "wf",
        WorkflowStep.action("flaky", FakeAction.failing(3, new IOException("x")).thenReturn("ok"))
            .retries(3)
            .backoff(
                Backoff.exponential(Duration.ofSeconds(1), 2, Duration.ofMinutes(1))
                    .withJitter(0.5)));
  }

  @Test
  void jitterStaysWithinItsBandAndDependsOnTheSeed() {
    WorkflowResult a = TestWorkflowExecutor.builder().seed(1).build().run(flakyWithJitter());
    WorkflowResult b = TestWorkflowExecutor.builder().seed(1).build().run(flakyWithJitter());
    WorkflowResult c = TestWorkflowExecutor.builder().seed(2).build().run(flakyWithJitter());
    assertThat(a.toJson()).isEqualTo(b.toJson());
    assertThat(a.toJson()).isNotEqualTo(c.toJson());
    List<AttemptResult> attempts = a.requireStep("flaky").attempts();
    for (int i = 1; i < attempts.size(); i++) {
      double nominal = Math.pow(2, i - 1);
      double seconds = attempts.get(i).delayBefore().toNanos() / 1e9;
      assertThat(seconds).isBetween(nominal * 0.5, nominal * 1.5);
    }
  }

  @Test
  void backoffIsCappedAndGrowsByItsFactor() {
    Backoff b = Backoff.exponential(Duration.ofSeconds(1), 3, Duration.ofSeconds(5));
    assertThat(b.delayBefore(1, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delayBefore(2, null)).isEqualTo(Duration.ofSeconds(3));
    assertThat(b.delayBefore(3, null)).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
        .hasMessageContaining("raise the cap");
    assertThatThrownBy(() -> b.withJitter(2)).hasMessageContaining("from 0 to 1");
  }

  @Test
  void retryOnRestrictsWhichFailuresAreRetried() {
    FakeAction action = FakeAction.throwing(new IllegalArgumentException("bad config"));
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.action("a", action)
                    .retries(5)
                    .retryOn(e -> e instanceof IOException)));
    assertThat(action.invocationCount()).isEqualTo(1);
    assertThat(result.requireStep("a").status()).isEqualTo(StepStatus.FAILED);
  }

  @Test
  void retryThatWouldOverrunTheDeadlineIsNotStarted() {
    FakeAction action = FakeAction.throwing(new IOException("down"));
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.action("a", action)
                    .retries(10)
                    .backoff(Backoff.exponential(Duration.ofMinutes(1), 2, Duration.ofHours(1)))),
            RunOptions.defaults().deadline(Duration.ofMinutes(5)));
    // attempts at 0, 1 min, 3 min; the next would wait 4 min and end at 7 min > 5 min.
    assertThat(action.invocationCount()).isEqualTo(3);
    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.FAILED)
        .step("a")
        .hasStatus(StepStatus.TIMED_OUT)
        .hasErrorContaining("would end after the workflow deadline");
    assertThat(result.duration()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void workflowDeadlineTimesOutRunningSteps() {
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.action("slow", FakeAction.hanging()),
                WorkflowStep.action("never", FakeAction.succeeding(1))),
            RunOptions.defaults().deadline(Duration.ofMinutes(1)));
    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.TIMED_OUT)
        .tookExactly(Duration.ofMinutes(1))
        .step("slow")
        .hasStatus(StepStatus.TIMED_OUT)
        .step("never")
        .hasStatus(StepStatus.SKIPPED);
  }

  @Test
  void contextCarriesTypedValuesAndOutputsBetweenSteps() {
    ContextKey<String> version = ContextKey.of("version", String.class);
    AtomicReference<String> seen = new AtomicReference<>();
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.task(
                    "analyze",
                    ctx -> {
                      ctx.put(version, "1.2.0");
                      return "analysis";
                    }),
                WorkflowStep.task(
                    "tag",
                    ctx -> {
                      seen.set(ctx.require(version) + "/" + ctx.outputOf("analyze").orElseThrow());
                      return ctx.get(ContextKey.of("missing", String.class)).orElse("none");
                    })),
            RunOptions.defaults().with(ContextKey.of("env", String.class), "staging"));
    assertThat(seen.get()).isEqualTo("1.2.0/analysis");
    assertThat(result.requireStep("tag").output()).contains("none");
  }

  @Test
  void requireOfAMissingValueNamesTheKeyAndTheStep() {
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.task(
                    "tag", ctx -> ctx.require(ContextKey.of("version", String.class)))));
    assertThat(result.requireStep("tag").error().orElseThrow())
        .contains("'wf/tag' needs context value 'version'");
  }

  @Test
  void readingAValueWithTheWrongTypeSaysWhichTypes() {
    ContextKey<String> asText = ContextKey.of("n", String.class);
    ContextKey<Integer> asInt = ContextKey.of("n", Integer.class);
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.task(
                    "put",
                    ctx -> {
                      ctx.put(asInt, 3);
                      return null;
                    }),
                WorkflowStep.task("get", ctx -> ctx.require(asText))));
    assertThat(result.requireStep("get").error().orElseThrow()).contains("is a java.lang.Integer");
  }

  @Test
  void actionReturningNullStageFailsTheStepWithAMessageSayingWhatToReturn() {
    WorkflowResult result =
        executor.run(WorkflowStep.sequential("wf", WorkflowStep.action("a", ctx -> null)));
    assertThat(result.requireStep("a").error().orElseThrow())
        .contains("returned null instead of a CompletionStage");
  }

  @Test
  void badTreesAreRejectedWithThePathAndTheFix() {
    WorkflowStep leaf = WorkflowStep.task("backup", () -> {});
    assertThatThrownBy(() -> WorkflowStep.parallel("pre-deployment", leaf, leaf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pre-deployment/backup")
        .hasMessageContaining("unique names");
    assertThatThrownBy(() -> WorkflowStep.task(" ", () -> {}))
        .hasMessageContaining("give every step a name");
    assertThatThrownBy(() -> leaf.retries(-1)).hasMessageContaining("use 0 (no retry) or more");
    assertThatThrownBy(() -> leaf.timeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("positive duration");
    assertThatThrownBy(() -> WorkflowStep.task("a/b", () -> {})).hasMessageContaining("use '-'");
    assertThatThrownBy(() -> WorkflowStep.sequential("empty")).hasMessageContaining("at least one");
    assertThatThrownBy(
            () ->
                WorkflowExecutor.create()
                    .run(leaf.compensateWith(WorkflowStep.task("undo", () -> {}))))
        .hasMessageContaining("can never run");
    WorkflowStep undo = WorkflowStep.task("undo", () -> {});
    assertThatThrownBy(
            () -> leaf.compensateWith(undo.compensateWith(WorkflowStep.task("x", () -> {}))))
        .hasMessageContaining("compensations cannot be compensated");
  }

  @Test
  void aThrowingListenerNeverBreaksTheRun() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    WorkflowListener throwing =
        new WorkflowListener() {
          @Override
          public void stepStarted(String workflowName, String path, int attempt) {
            throw new IllegalStateException("listener bug");
          }
        };
    WorkflowListener recording =
        new WorkflowListener() {
          @Override
          public void workflowStarted(String workflowName) {
            events.add("start " + workflowName);
          }

          @Override
          public void stepRetrying(
              String wf, String path, int next, Duration delay, Throwable failure) {
            events.add("retry " + path + " " + next + " " + delay);
          }

          @Override
          public void stepSkipped(String wf, String path, String reason) {
            events.add("skip " + path);
          }

          @Override
          public void stepFinished(String wf, StepResult result) {
            events.add("end " + result.path() + " " + result.status().jsonName());
          }

          @Override
          public void workflowFinished(WorkflowResult result) {
            events.add("finish " + result.status().jsonName());
          }
        };
    WorkflowResult result =
        TestWorkflowExecutor.builder()
            .listener(throwing)
            .listener(recording)
            .build()
            .run(
                WorkflowStep.sequential(
                    "wf",
                    WorkflowStep.action(
                            "a", FakeAction.failing(1, new IOException("x")).thenReturn(1))
                        .retries(1),
                    WorkflowStep.action("b", FakeAction.succeeding(1)).when(ctx -> false)));
    assertThat(result.success()).isTrue();
    assertThat(events)
        .containsExactly(
            "start wf",
            "retry a 2 PT1S",
            "end a completed",
            "skip b",
            "end  completed",
            "finish completed");
  }

  @Test
  void realExecutorInterruptsABlockingTaskOnTimeoutAndRecordsTimedOut() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch exited = new CountDownLatch(1);
    WorkflowStep wf =
        WorkflowStep.sequential(
            "wf",
            WorkflowStep.task(
                    "blocked",
                    ctx -> {
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        interrupted.set(ctx.isCancelled());
                        throw e;
                      } finally {
                        exited.countDown();
                      }
                      return null;
                    })
                .timeout(Duration.ofMillis(50)));
    WorkflowResult result = WorkflowExecutor.create().run(wf).get(10, TimeUnit.SECONDS);
    assertThat(exited.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).isTrue();
    assertThat(result.requireStep("blocked").status()).isEqualTo(StepStatus.TIMED_OUT);
  }

  @Test
  void cancellingARealRunCancelsTheAsyncActionsFuture() throws Exception {
    CompletableFuture<Object> pending = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(1);
    WorkflowRun run =
        WorkflowExecutor.create()
            .start(
                WorkflowStep.sequential(
                    "wf",
                    WorkflowStep.action(
                        "wait",
                        ctx -> {
                          started.countDown();
                          return pending;
                        })));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    run.cancel();
    WorkflowResult result = run.result().get(10, TimeUnit.SECONDS);
    assertThat(pending.isCancelled()).isTrue();
    assertThat(result.status()).isEqualTo(StepStatus.CANCELLED);
  }

  @Test
  void mdcNamesTheWorkflowStepAndAttemptWhileATaskRuns() throws Exception {
    AtomicReference<Map<String, String>> seen = new AtomicReference<>();
    WorkflowExecutor.create()
        .run(
            WorkflowStep.sequential(
                "wf",
                WorkflowStep.task(
                    "a",
                    ctx -> {
                      seen.set(MDC.getCopyOfContextMap());
                      return null;
                    })))
        .get(10, TimeUnit.SECONDS);
    assertThat(seen.get())
        .containsEntry("ffe.workflow", "wf")
        .containsEntry("ffe.step", "wf/a")
        .containsEntry("ffe.attempt", "1");
  }

  @Test
  void parallelResultsKeepDeclarationOrder() {
    WorkflowResult result =
        executor.run(
            WorkflowStep.parallel(
                "wf",
                WorkflowStep.action("slow", FakeAction.succeeding(1).after(Duration.ofSeconds(3))),
                WorkflowStep.action("fast", FakeAction.succeeding(2))));
    assertThat(result.steps()).extracting(StepResult::name).containsExactly("slow", "fast");
    assertThat(result.duration()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void timestampsComeFromTheWorkflowClock() {
    WorkflowResult result =
        TestWorkflowExecutor.builder()
            .start(Instant.parse("2030-01-01T00:00:00Z"))
            .build()
            .run(WorkflowStep.sequential("wf", WorkflowStep.action("a", FakeAction.succeeding(1))));
    assertThat(result.startedAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void planPrintsTheTreeWithItsSettings() {
    WorkflowStep wf =
        WorkflowStep.sequential(
            "deployment",
            WorkflowStep.task("backup", () -> {}).retries(2).timeout(Duration.ofMinutes(5)),
            WorkflowStep.task("notify", () -> {}).onError(ErrorAction.CONTINUE).always());
    assertThat(wf.plan())
        .contains("deployment [SEQUENTIAL]")
        .contains("  backup [task, retries=2")
        .contains("timeout=PT5M")
        .contains("  notify [task, on_error=CONTINUE, trigger=ALWAYS]");
    assertThat(wf.size()).isEqualTo(3);
  }
}
