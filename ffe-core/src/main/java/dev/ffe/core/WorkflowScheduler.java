package dev.ffe.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workflows on schedules inside the service, on the executor's clock: a test drives a week of
 * schedules in virtual time with the test executor.
 *
 * <pre>{@code
 * WorkflowScheduler scheduler = WorkflowScheduler.create(WorkflowExecutor.create());
 * scheduler.schedule("monitoring", Schedule.cron("*&#47;15 * * * *"), MonitoringWorkflow::create);
 * ...
 * scheduler.shutdown(Duration.ofMinutes(1)).join();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WorkflowScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowScheduler.class);

  /** What to do when a fire time comes while the previous run is still going. */
  public enum OverlapPolicy {
    /** Skip this fire (recorded as skipped). */
    SKIP,
    /** Remember at most one fire and start it when the running one ends. */
    QUEUE_ONE,
    /** Start another run alongside. */
    ALLOW
  }

  /** What to do, on start, about fire times missed while the service was down. */
  public enum MisfirePolicy {
    /** Run once now for all the missed fire times, then follow the schedule. */
    RUN_ONCE_NOW,
    /** Ignore missed fire times and wait for the next one. */
    SKIP_TO_NEXT
  }

  /** How one fire time was handled. */
  public enum FireOutcome {
    /** A run was started. */
    STARTED,
    /** Skipped because the previous run was still going. */
    SKIPPED_OVERLAP,
    /** Queued behind the running run. */
    QUEUED,
    /** Replaced a queued fire that was already waiting (so it was dropped). */
    DROPPED_QUEUE_FULL,
    /** Missed while the service was down, and run now. */
    MISFIRE_RUN,
    /** Missed while the service was down, and skipped. */
    MISFIRE_SKIPPED
  }

  /**
   * One fire time and what happened to it.
   *
   * @param scheduledAt the fire time the schedule named
   * @param handledAt when the scheduler handled it, on the workflow clock
   * @param outcome what happened
   */
  public record Fire(Instant scheduledAt, Instant handledAt, FireOutcome outcome) {}

  private final WorkflowExecutor executor;
  private final Scheduler clock;
  private final List<Job> jobs = new ArrayList<>();
  private boolean shutDown;

  private WorkflowScheduler(WorkflowExecutor executor) {
    this.executor = executor;
    this.clock = executor.scheduler();
  }

  /** Creates a scheduler that starts runs on {@code executor} and keeps its clock. */
  public static WorkflowScheduler create(WorkflowExecutor executor) {
    return new WorkflowScheduler(Objects.requireNonNull(executor, "executor == null"));
  }

  /** Schedules a workflow with the defaults: overlap SKIP, misfire RUN_ONCE_NOW, no history. */
  public ScheduledWorkflow schedule(
      String name, Schedule schedule, Supplier<WorkflowStep> workflow) {
    return schedule(name, schedule, workflow, Options.defaults());
  }

  /**
   * Schedules a workflow. {@code workflow} is called at each fire time, so it may build a fresh
   * tree (e.g. full on Sunday, incremental otherwise).
   *
   * @throws IllegalStateException after {@link #shutdown}
   */
  public synchronized ScheduledWorkflow schedule(
      String name, Schedule schedule, Supplier<WorkflowStep> workflow, Options options) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(schedule, "schedule == null");
    Objects.requireNonNull(workflow, "workflow == null");
    Objects.requireNonNull(options, "options == null");
    if (shutDown) {
      throw new IllegalStateException(
          "the scheduler is shut down: create a new WorkflowScheduler to schedule '" + name + "'");
    }
    Job job = new Job(name, schedule, workflow, options);
    jobs.add(job);
    job.start();
    return job;
  }

  /**
   * Stops firing, waits up to {@code grace} (on the workflow clock) for running workflows, then
   * cancels those still running. The future completes when every run has ended.
   */
  public CompletableFuture<Void> shutdown(Duration grace) {
    Objects.requireNonNull(grace, "grace == null");
    List<Job> all;
    synchronized (this) {
      shutDown = true;
      all = List.copyOf(jobs);
    }
    List<CompletableFuture<?>> running = new ArrayList<>();
    for (Job job : all) {
      running.addAll(job.stop());
    }
    CompletableFuture<Void> allDone =
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    if (!allDone.isDone()) {
      Scheduler.Cancellable timer =
          clock.schedule(
              grace,
              () -> {
                for (Job job : all) {
                  job.cancelRuns();
                }
              });
      allDone.whenComplete((v, e) -> timer.cancel());
    }
    return allDone;
  }

  /** Per-schedule settings. Immutable; every setter returns a copy. */
  public static final class Options {
    private static final Options DEFAULTS =
        new Options(OverlapPolicy.SKIP, MisfirePolicy.RUN_ONCE_NOW, null, RunOptions.defaults());
    private final OverlapPolicy overlap;
    private final MisfirePolicy misfire;
    private final Instant lastFire;
    private final RunOptions runOptions;

    private Options(
        OverlapPolicy overlap, MisfirePolicy misfire, Instant lastFire, RunOptions runOptions) {
      this.overlap = overlap;
      this.misfire = misfire;
      this.lastFire = lastFire;
      this.runOptions = runOptions;
    }

    /** Returns the defaults: overlap SKIP, misfire RUN_ONCE_NOW. */
    public static Options defaults() {
      return DEFAULTS;
    }

    /** Returns a copy with the overlap policy. */
    public Options overlap(OverlapPolicy overlap) {
      return new Options(
          Objects.requireNonNull(overlap, "overlap == null"), misfire, lastFire, runOptions);
    }

    /** Returns a copy with the misfire policy. */
    public Options misfire(MisfirePolicy misfire) {
      return new Options(
          overlap, Objects.requireNonNull(misfire, "misfire == null"), lastFire, runOptions);
    }

    /**
     * Returns a copy that knows when this schedule last fired before the service stopped, so fire
     * times missed since are handled by the misfire policy.
     */
    public Options lastFiredAt(Instant lastFire) {
      return new Options(
          overlap, misfire, Objects.requireNonNull(lastFire, "lastFire == null"), runOptions);
    }

    /** Returns a copy whose runs use {@code runOptions} (e.g. a deadline). */
    public Options runOptions(RunOptions runOptions) {
      return new Options(
          overlap, misfire, lastFire, Objects.requireNonNull(runOptions, "runOptions == null"));
    }
  }

  /** A workflow on a schedule. Thread-safe. */
  public interface ScheduledWorkflow {
    /** Returns the schedule's name. */
    String name();

    /** Returns the next {@code count} fire times from now. */
    List<Instant> nextFireTimes(int count);

    /** Returns every fire handled so far, in order. */
    List<Fire> history();

    /** Returns the results of the runs started so far (futures, in start order). */
    List<CompletableFuture<WorkflowResult>> runs();

    /** Stops firing this schedule; running workflows go on. */
    void cancel();
  }

  private final class Job implements ScheduledWorkflow {
    private final String name;
    private final Schedule schedule;
    private final Supplier<WorkflowStep> workflow;
    private final Options options;
    private final List<Fire> history = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<WorkflowResult>> runs =
        Collections.synchronizedList(new ArrayList<>());
    private final List<WorkflowRun> active = new ArrayList<>();
    private Instant queued;
    private Scheduler.Cancellable timer;
    private boolean stopped;

    Job(String name, Schedule schedule, Supplier<WorkflowStep> workflow, Options options) {
      this.name = name;
      this.schedule = schedule;
      this.workflow = workflow;
      this.options = options;
    }

    void start() {
      Instant now = clock.now();
      if (options.lastFire != null) {
        List<Instant> missed = new ArrayList<>();
        Instant t = options.lastFire;
        while (true) {
          Optional<Instant> next = schedule.nextAfter(t);
          if (next.isEmpty() || next.get().isAfter(now)) {
            break;
          }
          missed.add(next.get());
          t = next.get();
        }
        if (!missed.isEmpty()) {
          Instant last = missed.get(missed.size() - 1);
          if (options.misfire == MisfirePolicy.RUN_ONCE_NOW) {
            fire(last, FireOutcome.MISFIRE_RUN);
          } else {
            synchronized (this) {
              history.add(new Fire(last, now, FireOutcome.MISFIRE_SKIPPED));
            }
          }
        }
      }
      armAfter(now);
    }

    private synchronized void armAfter(Instant after) {
      if (stopped) {
        return;
      }
      Optional<Instant> next = schedule.nextAfter(after);
      if (next.isEmpty()) {
        return;
      }
      Instant at = next.get();
      timer =
          clock.schedule(
              Duration.between(clock.now(), at),
              () -> {
                fire(at, FireOutcome.STARTED);
                armAfter(at);
              });
    }

    private void fire(Instant scheduledAt, FireOutcome startOutcome) {
      Instant now = clock.now();
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (!active.isEmpty() && options.overlap != OverlapPolicy.ALLOW) {
          if (options.overlap == OverlapPolicy.SKIP) {
            history.add(new Fire(scheduledAt, now, FireOutcome.SKIPPED_OVERLAP));
            LOG.info(
                "schedule '{}': fire at {} skipped, previous run still going", name, scheduledAt);
          } else {
            history.add(
                new Fire(
                    scheduledAt,
                    now,
                    queued == null ? FireOutcome.QUEUED : FireOutcome.DROPPED_QUEUE_FULL));
            if (queued == null) {
              queued = scheduledAt;
            }
          }
          return;
        }
        history.add(new Fire(scheduledAt, now, startOutcome));
      }
      launch();
    }

    private void launch() {
      WorkflowStep root;
      try {
        root = workflow.get();
      } catch (RuntimeException e) {
        LOG.error("schedule '{}': building the workflow failed: {}", name, e.toString());
        return;
      }
      WorkflowRun run = executor.start(root, options.runOptions);
      synchronized (this) {
        active.add(run);
        runs.add(run.result());
      }
      run.result()
          .whenComplete(
              (r, e) -> {
                Instant next;
                synchronized (this) {
                  active.remove(run);
                  next = stopped ? null : queued;
                  queued = null;
                }
                if (next != null) {
                  synchronized (this) {
                    history.add(new Fire(next, clock.now(), FireOutcome.STARTED));
                  }
                  launch();
                }
              });
    }

    synchronized List<CompletableFuture<?>> stop() {
      stopped = true;
      queued = null;
      if (timer != null) {
        timer.cancel();
      }
      List<CompletableFuture<?>> out = new ArrayList<>();
      for (WorkflowRun run : active) {
        out.add(run.result());
      }
      return out;
    }

    synchronized void cancelRuns() {
      for (WorkflowRun run : active) {
        run.cancel();
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<Instant> nextFireTimes(int count) {
      return schedule.nextFireTimes(clock.now(), count);
    }

    @Override
    public List<Fire> history() {
      synchronized (history) {
        return List.copyOf(history);
      }
    }

    @Override
    public List<CompletableFuture<WorkflowResult>> runs() {
      synchronized (runs) {
        return List.copyOf(runs);
      }
    }

    @Override
    public void cancel() {
      stop();
    }
  }
}
