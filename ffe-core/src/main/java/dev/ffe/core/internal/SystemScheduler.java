package dev.ffe.core.internal;

import dev.ffe.core.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real-time scheduler: one daemon timer thread, and a clock that is wall time at start-up
 * advanced by {@link System#nanoTime()}, so durations never go negative when the wall clock jumps.
 */
public final class SystemScheduler implements Scheduler {
  /** The shared instance. */
  public static final SystemScheduler INSTANCE = new SystemScheduler();

  private final Instant wallAtStart = Instant.now();
  private final long nanoAtStart = System.nanoTime();
  private final ScheduledThreadPoolExecutor timer;

  private SystemScheduler() {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "ffe-timer");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  @Override
  public Instant now() {
    return wallAtStart.plusNanos(System.nanoTime() - nanoAtStart);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> f =
        timer.schedule(task, Math.max(0L, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }
}
