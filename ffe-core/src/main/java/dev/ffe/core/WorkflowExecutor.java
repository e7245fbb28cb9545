package dev.ffe.core;

import dev.ffe.core.internal.DefaultExecutor;
import dev.ffe.core.internal.RunEngine;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs workflows on {@link CompletableFuture}s. Actions run on the configured {@link Executor};
 * every delay, timeout, deadline and timestamp goes through the configured {@link Scheduler}, and
 * retry jitter comes from a random source seeded with {@link Builder#seed(long)} and each step's
 * path.
 *
 * <p>Immutable and thread-safe: one executor can run many workflows at once.
 *
 * <pre>{@code
 * WorkflowResult result = WorkflowExecutor.create().run(deployment).join();
 * result.writeJson(Path.of("logs"));
 * }</pre>
 */
public final class WorkflowExecutor {
  private final Executor executor;
  private final Scheduler scheduler;
  private final long seed;
  private final List<WorkflowListener> listeners;

  private WorkflowExecutor(Builder b) {
    this.executor = b.executor;
    this.scheduler = b.scheduler;
    this.seed = b.seed;
    this.listeners = List.copyOf(b.listeners);
  }

  /** Returns an executor with the defaults: a shared I/O thread pool and the system scheduler. */
  public static WorkflowExecutor create() {
    return builder().build();
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts {@code root} and returns its result future. */
  public CompletableFuture<WorkflowResult> run(WorkflowStep root) {
    return start(root, RunOptions.defaults()).result();
  }

  /** Starts {@code root} with options and returns its result future. */
  public CompletableFuture<WorkflowResult> run(WorkflowStep root, RunOptions options) {
    return start(root, options).result();
  }

  /** Starts {@code root} and returns a handle that can cancel it. */
  public WorkflowRun start(WorkflowStep root) {
    return start(root, RunOptions.defaults());
  }

  /**
   * Starts {@code root} with options and returns a handle that can cancel it.
   *
   * @throws IllegalArgumentException naming the step path when the tree cannot run
   */
  public WorkflowRun start(WorkflowStep root, RunOptions options) {
    Objects.requireNonNull(root, "root == null");
    Objects.requireNonNull(options, "options == null");
    return new RunEngine(root, options, executor, scheduler, seed, listeners, null).start();
  }

  /**
   * Resumes a failed run from its journal or result: steps that completed (and were not undone by a
   * compensation) are not run again — their results and outputs are restored — and failed,
   * timed-out, cancelled, skipped and never-started steps run. Steps marked {@link
   * WorkflowStep#rerunOnResume()} always run.
   *
   * @throws IllegalArgumentException before running anything, when {@code previous} is from another
   *     workflow or the workflow's shape has changed (a step renamed, added or removed)
   */
  public WorkflowRun resume(WorkflowStep root, WorkflowResult previous, RunOptions options) {
    Objects.requireNonNull(root, "root == null");
    Objects.requireNonNull(previous, "previous == null");
    Objects.requireNonNull(options, "options == null");
    dev.ffe.core.internal.ResumeCheck.requireSameShape(root, previous);
    return new RunEngine(root, options, executor, scheduler, seed, listeners, previous.root())
        .start();
  }

  /**
   * Resumes a failed run with default options; see {@link #resume(WorkflowStep, WorkflowResult,
   * RunOptions)}.
   */
  public WorkflowRun resume(WorkflowStep root, WorkflowResult previous) {
    return resume(root, previous, RunOptions.defaults());
  }

  /** Returns this executor's scheduler. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns a builder initialised with this executor's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.executor = executor;
    b.scheduler = scheduler;
    b.seed = seed;
    b.listeners.addAll(listeners);
    return b;
  }

  /** Collects the settings of a {@link WorkflowExecutor}. Not thread-safe. */
  public static final class Builder {
    private Executor executor = DefaultExecutor.get();
    private Scheduler scheduler = Scheduler.system();
    private long seed = new SecureRandom().nextLong();
    private final List<WorkflowListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the executor that runs actions and the engine's continuations. The default suits
     * blocking I/O; on Java 21+ {@code Executors.newVirtualThreadPerTaskExecutor()} works too.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /** Sets the clock and timer for delays, timeouts, deadlines and timestamps. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /** Sets the seed of the jitter random source (random by default). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Adds a listener. */
    public Builder listener(WorkflowListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /** Builds the executor. */
    public WorkflowExecutor build() {
      return new WorkflowExecutor(this);
    }
  }
}
