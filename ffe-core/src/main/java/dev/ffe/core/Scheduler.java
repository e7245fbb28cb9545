package dev.ffe.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The one clock and timer the engine uses for every delay, timeout, deadline and timestamp. The
 * system scheduler follows real time; the test executor's follows virtual time, so a workflow with
 * an hour of backoff runs in milliseconds.
 *
 * <p>Implementations are thread-safe.
 */
public interface Scheduler {

  /** Returns the current instant on this scheduler's clock; never goes backwards. */
  Instant now();

  /**
   * Runs {@code task} once after {@code delay} (zero or negative: as soon as possible). The task
   * must be short; the engine hands real work to the workflow's executor.
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Prevents the task from running if it has not run yet; does nothing otherwise. */
    void cancel();
  }

  /** Returns the scheduler that follows real time, shared by every executor that uses it. */
  static Scheduler system() {
    return dev.ffe.core.internal.SystemScheduler.INSTANCE;
  }
}
