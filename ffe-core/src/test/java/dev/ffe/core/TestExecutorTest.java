package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.FfeTestExtension;
import dev.ffe.core.testing.StuckWorkflowException;
import dev.ffe.core.testing.TestWorkflowExecutor;
import dev.ffe.core.testing.WorkflowAssertions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The in-memory test executor with virtual time (issue 3). */
@ExtendWith(FfeTestExtension.class)
class TestExecutorTest {
  private static final Instant T0 = TestWorkflowExecutor.DEFAULT_START;

  private static WorkflowStep deployment(FakeAction backup, FakeAction health, FakeAction notify) {
    return WorkflowStep.sequential(
        "deployment",
        WorkflowStep.parallel(
            "pre-deployment",
            WorkflowStep.action("backup", backup).timeout(Duration.ofMinutes(5)).retries(2),
            WorkflowStep.action("health-check", health)
                .timeout(Duration.ofSeconds(10))
                .onError(ErrorAction.CONTINUE)),
        WorkflowStep.action("deploy", FakeAction.succeeding("deployed")),
        WorkflowStep.parallel(
            "post-deployment",
            WorkflowStep.action("notify", notify).onError(ErrorAction.CONTINUE),
            WorkflowStep.action("monitoring", FakeAction.succeeding("ok"))));
  }

  @Test
  void seedDeploymentUnderVirtualTimeHasExactBackoffAndTimeouts(TestWorkflowExecutor executor) {
    FakeAction backup =
        FakeAction.failing(2, new IOException("disk busy"))
            .thenReturn("backup-1")
            .after(Duration.ofSeconds(20));
    FakeAction health = FakeAction.hanging();
    WorkflowResult result =
        executor.run(
            deployment(backup, health, FakeAction.throwing(new IOException("slack down"))));

    WorkflowAssertions.assertThat(result)
        .succeeded()
        .step("pre-deployment/backup")
        .hasAttempts(3)
        .hasAttemptsStartingAt(T0, T0.plusSeconds(21), T0.plusSeconds(43))
        .hasDelaysBetweenAttempts(Duration.ofSeconds(1), Duration.ofSeconds(2))
        .step("pre-deployment/health-check")
        .hasStatus(StepStatus.TIMED_OUT)
        .hasErrorContaining("timed out after PT10S")
        .step("post-deployment/notify")
        .hasStatus(StepStatus.FAILED);
    assertThat(backup.invocations())
        .extracting(FakeAction.Invocation::attempt)
        .containsExactly(1, 2, 3);
    assertThat(backup.invocations().get(0).stepPath()).isEqualTo("pre-deployment/backup");
  }

  @Test
  void cancelledRunReportsCancelledAndSkippedSteps(TestWorkflowExecutor executor) {
    TestWorkflowExecutor.TestRun run =
        executor.start(
            deployment(
                FakeAction.succeeding("b").after(Duration.ofMinutes(1)),
                FakeAction.succeeding("h"),
                FakeAction.succeeding("n")));
    run.advance(Duration.ofSeconds(30));
    assertThat(executor.now()).isEqualTo(T0.plusSeconds(30));
    run.cancel();
    WorkflowResult result = run.await();
    WorkflowAssertions.assertThat(result)
        .hasStatus(StepStatus.CANCELLED)
        .step("pre-deployment/backup")
        .hasStatus(StepStatus.CANCELLED)
        .step("pre-deployment/health-check")
        .hasStatus(StepStatus.COMPLETED)
        .step("deploy")
        .hasStatus(StepStatus.SKIPPED)
        .step("post-deployment")
        .hasStatus(StepStatus.SKIPPED);
  }

  @Test
  void anHourOfVirtualRetriesRunsInWellUnderASecond(TestWorkflowExecutor executor) {
    FakeAction flaky =
        FakeAction.failing(9, new IOException("down"))
            .thenReturn("up")
            .after(Duration.ofMinutes(4));
    WorkflowStep wf =
        WorkflowStep.sequential(
            "long",
            WorkflowStep.action("flaky", flaky)
                .retries(9)
                .timeout(Duration.ofMinutes(5))
                .backoff(Backoff.exponential(Duration.ofSeconds(30), 2, Duration.ofMinutes(10))),
            WorkflowStep.action("wait-for-warmup", FakeAction.succeeding(1))
                .delay(Duration.ofMinutes(5)));
    long startNanos = System.nanoTime();
    WorkflowResult result = executor.run(wf);
    Duration real = Duration.ofNanos(System.nanoTime() - startNanos);
    System.out.printf("virtual %s in real %d ms%n", result.duration(), real.toMillis());
    assertThat(result.success()).isTrue();
    assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void sameSeedGivesByteIdenticalJson() {
    String first = TestWorkflowExecutor.builder().seed(7).build().run(jittery()).toJson();
    String second = TestWorkflowExecutor.builder().seed(7).build().run(jittery()).toJson();
    String other = TestWorkflowExecutor.builder().seed(8).build().run(jittery()).toJson();
    assertThat(first).isEqualTo(second).isNotEqualTo(other);
  }

  private static WorkflowStep jittery() {
    return WorkflowStep.parallel(
        "jittery",
        WorkflowStep.action("a", FakeAction.failing(2, new IOException("x")).thenReturn(1))
            .retries(2)
            .backoff(Backoff.DEFAULT.withJitter(0.3)),
        WorkflowStep.action("b", FakeAction.failing(1, new IOException("y")).thenReturn(2))
            .retries(1)
            .backoff(Backoff.DEFAULT.withJitter(0.3)));
  }

  @Test
  void aRunWaitingOnTheOutsideWorldIsReportedAsStuckNamingTheStep(TestWorkflowExecutor executor) {
    CompletableFuture<Object> never = new CompletableFuture<>();
    assertThatThrownBy(
            () ->
                executor.run(
                    WorkflowStep.sequential(
                        "wf",
                        WorkflowStep.parallel(
                            "group",
                            WorkflowStep.action("waits", ctx -> never),
                            WorkflowStep.action("fine", FakeAction.succeeding(1))))))
        .isInstanceOf(StuckWorkflowException.class)
        .hasMessageContaining("[group/waits]")
        .satisfies(
            e ->
                assertThat(((StuckWorkflowException) e).waitingSteps())
                    .containsExactly("group/waits"));
  }

  @Test
  void externalCompletionIsAwaitedWhenAGraceIsGiven() throws Exception {
    TestWorkflowExecutor executor =
        TestWorkflowExecutor.builder().awaitExternal(Duration.ofSeconds(5)).build();
    WorkflowStep wf =
        WorkflowStep.sequential(
            "wf",
            WorkflowStep.action(
                "async-io", ctx -> CompletableFuture.supplyAsync(() -> "from another thread")));
    WorkflowResult result = executor.run(wf);
    assertThat(result.requireStep("async-io").output()).contains("from another thread");
  }

  @Test
  void badUseOfTheTestExecutorSaysWhatToDo(TestWorkflowExecutor executor) {
    TestWorkflowExecutor.TestRun run =
        executor.start(
            WorkflowStep.sequential("wf", WorkflowStep.action("h", FakeAction.hanging())));
    assertThatThrownBy(() -> run.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
    assertThatThrownBy(
            () ->
                executor.start(WorkflowStep.sequential("other", WorkflowStep.task("t", () -> {}))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has not finished");
    assertThatThrownBy(() -> FakeAction.failing(-1, new IOException()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use 0 or more");
    assertThatThrownBy(() -> FakeAction.succeeding(1).after(Duration.ofSeconds(-1)))
        .hasMessageContaining("use zero or more");
    run.cancel();
    assertThat(run.await().status()).isEqualTo(StepStatus.CANCELLED);
  }

  @Test
  void failedAssertionsPrintTheResultTree(TestWorkflowExecutor executor) {
    WorkflowResult result =
        executor.run(
            WorkflowStep.sequential("wf", WorkflowStep.action("a", FakeAction.succeeding(1))));
    assertThatThrownBy(() -> WorkflowAssertions.assertThat(result).step("a").hasAttempts(2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("step 'a': expected 2 attempts but there were 1")
        .hasMessageContaining("result tree:\nwf completed");
    assertThatThrownBy(() -> WorkflowAssertions.assertThat(result).step("nope"))
        .hasMessageContaining("no step 'nope'");
  }

  @Test
  void theSameWorkflowObjectRunsUnchangedUnderTheRealExecutor() throws Exception {
    WorkflowStep wf =
        WorkflowStep.sequential(
            "wf",
            WorkflowStep.action("a", FakeAction.failing(1, new IOException("x")).thenReturn("ok"))
                .retries(1)
                .backoff(Backoff.fixed(Duration.ofMillis(10))));
    WorkflowResult real = WorkflowExecutor.create().run(wf).get();
    assertThat(real.requireStep("a").output()).contains("ok");
  }
}
