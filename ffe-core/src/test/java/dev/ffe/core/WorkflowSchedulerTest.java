package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.WorkflowScheduler.Fire;
import dev.ffe.core.WorkflowScheduler.FireOutcome;
import dev.ffe.core.WorkflowScheduler.MisfirePolicy;
import dev.ffe.core.WorkflowScheduler.Options;
import dev.ffe.core.WorkflowScheduler.OverlapPolicy;
import dev.ffe.core.WorkflowScheduler.ScheduledWorkflow;
import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedules driven through a week of virtual time (issue 9). */
class WorkflowSchedulerTest {
  private static final Instant MONDAY = Instant.parse("2026-10-19T00:00:00Z");

  private static WorkflowStep quick(String name) {
    return WorkflowStep.sequential(name, WorkflowStep.action("work", FakeAction.succeeding("ok")));
  }

  private static WorkflowStep taking(String name, Duration d) {
    return WorkflowStep.sequential(
        name, WorkflowStep.action("work", FakeAction.succeeding("ok").after(d)));
  }

  private static List<Instant> fired(ScheduledWorkflow s) {
    return s.history().stream()
        .filter(f -> f.outcome() == FireOutcome.STARTED)
        .map(Fire::scheduledAt)
        .toList();
  }

  @Test
  void aWeekOfTheSeedsSchedulesFiresAtEveryExpectedTime() {
    TestWorkflowExecutor test = TestWorkflowExecutor.builder().start(MONDAY).build();
    WorkflowScheduler scheduler = WorkflowScheduler.create(test.asWorkflowExecutor());
    ScheduledWorkflow monitoring =
        scheduler.schedule("monitoring", Schedule.cron("*/15 * * * *"), () -> quick("monitoring"));
    ScheduledWorkflow incremental =
        scheduler.schedule("incremental", Schedule.cron("0 2 * * *"), () -> quick("incremental"));
    ScheduledWorkflow full =
        scheduler.schedule("full", Schedule.cron("0 3 * * 0"), () -> quick("full"));
    ScheduledWorkflow berlin =
        scheduler.schedule(
            "berlin-report",
            Schedule.cron("0 9 * * *", ZoneId.of("Europe/Berlin")),
            () -> quick("berlin-report"));

    long started = System.nanoTime();
    test.advance(Duration.ofDays(7));
    System.out.printf(
        "a week of schedules in %d ms of real time%n", (System.nanoTime() - started) / 1_000_000);

    assertThat(fired(monitoring)).hasSize(7 * 24 * 4);
    assertThat(fired(monitoring).get(0)).isEqualTo(MONDAY.plus(Duration.ofMinutes(15)));
    assertThat(fired(incremental))
        .containsExactly(
            Instant.parse("2026-10-19T02:00:00Z"),
            Instant.parse("2026-10-20T02:00:00Z"),
            Instant.parse("2026-10-21T02:00:00Z"),
            Instant.parse("2026-10-22T02:00:00Z"),
            Instant.parse("2026-10-23T02:00:00Z"),
            Instant.parse("2026-10-24T02:00:00Z"),
            Instant.parse("2026-10-25T02:00:00Z"));
    assertThat(fired(full)).containsExactly(Instant.parse("2026-10-25T03:00:00Z"));
    // Berlin leaves summer time on Sunday 25 October: 09:00 local is 07:00 UTC before, 08:00 after.
    assertThat(fired(berlin))
        .containsExactly(
            Instant.parse("2026-10-19T07:00:00Z"),
            Instant.parse("2026-10-20T07:00:00Z"),
            Instant.parse("2026-10-21T07:00:00Z"),
            Instant.parse("2026-10-22T07:00:00Z"),
            Instant.parse("2026-10-23T07:00:00Z"),
            Instant.parse("2026-10-24T07:00:00Z"),
            Instant.parse("2026-10-25T08:00:00Z"));
    assertThat(full.runs()).allSatisfy(r -> assertThat(r.join().success()).isTrue());
    assertThat(monitoring.nextFireTimes(2))
        .containsExactly(
            Instant.parse("2026-10-26T00:15:00Z"), Instant.parse("2026-10-26T00:30:00Z"));
  }

  @Test
  void overlapPoliciesSkipQueueOrAllow() {
    for (OverlapPolicy policy : OverlapPolicy.values()) {
      TestWorkflowExecutor test = TestWorkflowExecutor.builder().start(MONDAY).build();
      WorkflowScheduler scheduler = WorkflowScheduler.create(test.asWorkflowExecutor());
      ScheduledWorkflow slow =
          scheduler.schedule(
              "slow",
              Schedule.every(Duration.ofMinutes(10)),
              () -> taking("slow", Duration.ofMinutes(25)),
              Options.defaults().overlap(policy));
      test.advance(Duration.ofMinutes(60));
      List<FireOutcome> outcomes = slow.history().stream().map(Fire::outcome).toList();
      switch (policy) {
        case SKIP ->
            assertThat(outcomes)
                .containsExactly(
                    FireOutcome.STARTED,
                    FireOutcome.SKIPPED_OVERLAP,
                    FireOutcome.SKIPPED_OVERLAP,
                    FireOutcome.STARTED,
                    FireOutcome.SKIPPED_OVERLAP,
                    FireOutcome.SKIPPED_OVERLAP);
        case QUEUE_ONE -> {
          assertThat(outcomes.subList(0, 4))
              .containsExactly(
                  FireOutcome.STARTED,
                  FireOutcome.QUEUED,
                  FireOutcome.DROPPED_QUEUE_FULL,
                  FireOutcome.STARTED);
          assertThat(slow.runs()).hasSize(3);
        }
        case ALLOW -> assertThat(outcomes).hasSize(6).containsOnly(FireOutcome.STARTED);
      }
    }
  }

  @Test
  void misfirePolicyRunsOnceNowOrSkipsToTheNextFire() {
    Instant lastFire = Instant.parse("2026-10-17T02:00:00Z");
    for (MisfirePolicy policy : MisfirePolicy.values()) {
      TestWorkflowExecutor test = TestWorkflowExecutor.builder().start(MONDAY).build();
      WorkflowScheduler scheduler = WorkflowScheduler.create(test.asWorkflowExecutor());
      ScheduledWorkflow daily =
          scheduler.schedule(
              "daily",
              Schedule.cron("0 2 * * *"),
              () -> quick("daily"),
              Options.defaults().misfire(policy).lastFiredAt(lastFire));
      test.runUntilIdle();
      Fire first = daily.history().get(0);
      assertThat(first.scheduledAt()).isEqualTo(Instant.parse("2026-10-18T02:00:00Z"));
      assertThat(first.outcome())
          .isEqualTo(
              policy == MisfirePolicy.RUN_ONCE_NOW
                  ? FireOutcome.MISFIRE_RUN
                  : FireOutcome.MISFIRE_SKIPPED);
      assertThat(daily.runs()).hasSize(policy == MisfirePolicy.RUN_ONCE_NOW ? 1 : 0);
    }
  }

  @Test
  void shutdownStopsFiringWaitsForRunsThenCancelsThem() {
    TestWorkflowExecutor test = TestWorkflowExecutor.builder().start(MONDAY).build();
    WorkflowScheduler scheduler = WorkflowScheduler.create(test.asWorkflowExecutor());
    ScheduledWorkflow slow =
        scheduler.schedule(
            "slow",
            Schedule.every(Duration.ofMinutes(1)),
            () -> taking("slow", Duration.ofHours(1)));
    test.advance(Duration.ofMinutes(1));
    assertThat(slow.runs()).hasSize(1);
    var done = scheduler.shutdown(Duration.ofMinutes(5));
    test.advance(Duration.ofMinutes(4));
    assertThat(done).isNotDone();
    test.advance(Duration.ofMinutes(2));
    assertThat(done).isDone();
    assertThat(slow.runs().get(0).join().status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(slow.runs()).hasSize(1);
    assertThatThrownBy(
            () ->
                scheduler.schedule("late", Schedule.every(Duration.ofMinutes(1)), () -> quick("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down");
  }

  @Test
  void invalidCronNamesTheExpressionAndTheAcceptedForm() {
    assertThatThrownBy(() -> Schedule.cron("61 * * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'61 * * * *'")
        .hasMessageContaining("minute (0-59)");
    assertThatThrownBy(() -> Schedule.cron("* * *")).hasMessageContaining("Use 5 fields");
    assertThatThrownBy(() -> Schedule.every(Duration.ZERO)).hasMessageContaining("positive");
  }
}
