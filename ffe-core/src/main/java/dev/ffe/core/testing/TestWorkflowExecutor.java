package dev.ffe.core.testing;

import dev.ffe.core.RunOptions;
import dev.ffe.core.StepResult;
import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowListener;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowRun;
import dev.ffe.core.WorkflowStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs workflows in virtual time on the calling thread, for unit tests: an hour of retries and
 * timeouts finishes in milliseconds, and the same workflow and seed give the same result, to the
 * byte, every time.
 *
 * <p>All work runs on the test thread, in submission order. When nothing is runnable, the clock
 * jumps to the next timer (auto time-skipping); {@link TestRun#advance(Duration)} moves it by hand.
 * Blocking {@link dev.ffe.core.Task}s run on the test thread too, so virtual time stands still
 * while one runs. A run that can never finish throws {@link StuckWorkflowException} instead of
 * hanging.
 *
 * <pre>{@code
 * TestWorkflowExecutor executor = TestWorkflowExecutor.create();
 * WorkflowResult result = executor.run(deployment);
 * WorkflowAssertions.assertThat(result).step("pre-deployment/backup").hasAttempts(3);
 * }</pre>
 *
 * <p>Not thread-safe: use one instance per test.
 */
public final class TestWorkflowExecutor {
  /** The virtual instant runs start at unless told otherwise: 2025-01-29T02:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-29T02:00:00Z");

  private final VirtualScheduler scheduler;
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final WorkflowExecutor executor;
  private final Duration awaitExternal;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private TestRun current;

  private TestWorkflowExecutor(Builder b) {
    this.scheduler = new VirtualScheduler(b.start);
    this.awaitExternal = b.awaitExternal;
    Executor queued = queue::add;
    WorkflowExecutor.Builder wb =
        WorkflowExecutor.builder()
            .executor(queued)
            .scheduler(scheduler)
            .seed(b.seed)
            .listener(new RunningSteps());
    b.listeners.forEach(wb::listener);
    this.executor = wb.build();
  }

  /** Returns a test executor starting at {@link #DEFAULT_START} with seed 0. */
  public static TestWorkflowExecutor create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the virtual clock. */
  public VirtualScheduler scheduler() {
    return scheduler;
  }

  /** Returns the current virtual instant. */
  public Instant now() {
    return scheduler.now();
  }

  /**
   * Returns an executor-like view for code that takes a {@link WorkflowExecutor}: runs started
   * through it progress only while this test executor drives time ({@link TestRun#await()}).
   */
  public WorkflowExecutor asWorkflowExecutor() {
    return executor;
  }

  /** Runs {@code root} to its end in virtual time and returns the result. */
  public WorkflowResult run(WorkflowStep root) {
    return start(root, RunOptions.defaults()).await();
  }

  /** Runs {@code root} with options to its end in virtual time and returns the result. */
  public WorkflowResult run(WorkflowStep root, RunOptions options) {
    return start(root, options).await();
  }

  /**
   * Starts {@code root} without driving time yet; drive it with {@link TestRun#await()}, {@link
   * TestRun#advance(Duration)} or {@link TestRun#runUntilIdle()}.
   *
   * @throws IllegalStateException if an earlier run on this executor has not finished
   */
  public TestRun start(WorkflowStep root, RunOptions options) {
    Objects.requireNonNull(root, "root == null");
    if (current != null && !current.isDone()) {
      throw new IllegalStateException(
          "run '"
              + current.workflowName()
              + "' has not finished on this test executor: await() it first, or use a new"
              + " TestWorkflowExecutor for a concurrent run");
    }
    current = new TestRun(executor.start(root, options));
    return current;
  }

  /**
   * Starts resuming {@code root} from an earlier result without driving time yet; see {@link
   * WorkflowExecutor#resume(WorkflowStep, WorkflowResult, RunOptions)}.
   */
  public TestRun resume(WorkflowStep root, WorkflowResult previous) {
    Objects.requireNonNull(root, "root == null");
    if (current != null && !current.isDone()) {
      throw new IllegalStateException(
          "run '"
              + current.workflowName()
              + "' has not finished on this test executor: await() it first");
    }
    current = new TestRun(executor.resume(root, previous));
    return current;
  }

  /** Starts {@code root} without driving time yet. */
  public TestRun start(WorkflowStep root) {
    return start(root, RunOptions.defaults());
  }

  /**
   * Moves virtual time forward by {@code duration}, running the timers that fall due on the way and
   * the work they make runnable: for schedules, and for runs started through {@link
   * #asWorkflowExecutor()}.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "cannot advance virtual time backwards by "
              + duration
              + ": pass zero or a positive duration");
    }
    Instant target = scheduler.now().plus(duration);
    drain();
    while (scheduler.fireNextUntil(target)) {
      drain();
    }
    scheduler.advanceTo(target);
    drain();
  }

  /** Runs every runnable piece of work without moving the clock. */
  public void runUntilIdle() {
    drain();
  }

  private boolean runOne() {
    Runnable task = queue.poll();
    if (task == null) {
      return false;
    }
    task.run();
    return true;
  }

  private void drain() {
    while (runOne()) {
      // keep going until nothing is runnable
    }
  }

  /** A run under the test executor. Not thread-safe. */
  public final class TestRun implements WorkflowRun {
    private final WorkflowRun run;

    TestRun(WorkflowRun run) {
      this.run = run;
    }

    @Override
    public String workflowName() {
      return run.workflowName();
    }

    @Override
    public java.util.concurrent.CompletableFuture<WorkflowResult> result() {
      return run.result();
    }

    @Override
    public void cancel() {
      run.cancel();
    }

    @Override
    public void approve(String gate, String by, String comment) {
      run.approve(gate, by, comment);
    }

    @Override
    public void reject(String gate, String by, String comment) {
      run.reject(gate, by, comment);
    }

    @Override
    public WorkflowResult snapshot() {
      return run.snapshot();
    }

    /** Runs every runnable piece of work without moving the clock. */
    public TestRun runUntilIdle() {
      drain();
      return this;
    }

    /**
     * Moves virtual time forward by {@code duration}, running the timers that fall due on the way
     * and the work they make runnable.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public TestRun advance(Duration duration) {
      TestWorkflowExecutor.this.advance(duration);
      return this;
    }

    /**
     * Drives the run to its end, skipping virtual time whenever nothing is runnable, and returns
     * its result.
     *
     * @throws StuckWorkflowException if the run can never end in virtual time
     */
    public WorkflowResult await() {
      while (!run.isDone()) {
        if (runOne()) {
          continue;
        }
        if (!awaitExternal.isZero() && awaitExternalWork()) {
          continue;
        }
        if (!scheduler.fireNext()) {
          List<String> waiting = new ArrayList<>(new TreeSet<>(running));
          throw new StuckWorkflowException(run.workflowName(), leaves(waiting));
        }
      }
      return run.result().join();
    }

    private boolean awaitExternalWork() {
      try {
        Runnable task = queue.poll(awaitExternal.toNanos(), TimeUnit.NANOSECONDS);
        if (task == null) {
          return false;
        }
        task.run();
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while awaiting external work", e);
      }
    }
  }

  private static List<String> leaves(List<String> sortedPaths) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sortedPaths.size(); i++) {
      String p = sortedPaths.get(i);
      boolean hasChild = i + 1 < sortedPaths.size() && sortedPaths.get(i + 1).startsWith(p + "/");
      if (!hasChild && !p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private final class RunningSteps implements WorkflowListener {
    @Override
    public void stepStarted(String workflowName, String path, int attempt) {
      running.add(path);
    }

    @Override
    public void stepFinished(String workflowName, StepResult result) {
      running.remove(result.path());
    }
  }

  /** Settings of a {@link TestWorkflowExecutor}. Not thread-safe. */
  public static final class Builder {
    private Instant start = DEFAULT_START;
    private long seed;
    private Duration awaitExternal = Duration.ZERO;
    private final List<WorkflowListener> listeners = new ArrayList<>();

    private Builder() {}

    /** Sets the virtual instant runs start at. */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start == null");
      return this;
    }

    /** Sets the jitter seed (0 by default). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Adds a listener. */
    public Builder listener(WorkflowListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Before skipping virtual time, waits up to {@code grace} of real time for work from outside
     * the executor (an async action doing real I/O). Zero, the default, never waits; use it only
     * for such actions.
     */
    public Builder awaitExternal(Duration grace) {
      Objects.requireNonNull(grace, "grace == null");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("grace is " + grace + ": use zero or more");
      }
      this.awaitExternal = grace;
      return this;
    }

    /** Builds the test executor. */
    public TestWorkflowExecutor build() {
      return new TestWorkflowExecutor(this);
    }
  }
}
