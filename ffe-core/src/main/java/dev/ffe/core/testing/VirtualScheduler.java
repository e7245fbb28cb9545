package dev.ffe.core.testing;

import dev.ffe.core.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A scheduler on virtual time: {@link #now()} moves only when {@link #fireNext()} or {@link
 * #advanceTo(Instant)} moves it, and due timers fire in order of due time, then of scheduling.
 * Nothing here waits on real time.
 *
 * <p>Thread-safe; timers fire on the thread that moves the clock.
 */
public final class VirtualScheduler implements Scheduler {
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private Instant now;
  private long sequence;

  /** Creates a clock that starts at {@code start}. */
  public VirtualScheduler(Instant start) {
    this.now = Objects.requireNonNull(start, "start == null");
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Objects.requireNonNull(delay, "delay == null");
    Objects.requireNonNull(task, "task == null");
    Timer timer;
    synchronized (this) {
      Instant due = delay.isNegative() ? now : now.plus(delay);
      timer = new Timer(due, sequence++, task);
      timers.add(timer);
    }
    return () -> {
      synchronized (VirtualScheduler.this) {
        timers.remove(timer);
      }
    };
  }

  /** Returns when the next timer is due, or null if none is pending. */
  public synchronized Instant nextDue() {
    Timer next = timers.peek();
    return next == null ? null : next.due;
  }

  /** Returns how many timers are pending. */
  public synchronized int pendingTimers() {
    return timers.size();
  }

  /**
   * Moves the clock to the next due timer and runs it.
   *
   * @return false if no timer was pending
   */
  public boolean fireNext() {
    Timer timer;
    synchronized (this) {
      timer = timers.poll();
      if (timer == null) {
        return false;
      }
      if (timer.due.isAfter(now)) {
        now = timer.due;
      }
    }
    timer.task.run();
    return true;
  }

  /**
   * Runs the timer due first if it is due at or before {@code limit}, moving the clock to it.
   *
   * @return false if none is due by then
   */
  public boolean fireNextUntil(Instant limit) {
    synchronized (this) {
      Timer next = timers.peek();
      if (next == null || next.due.isAfter(limit)) {
        return false;
      }
    }
    return fireNext();
  }

  /** Moves the clock forward to {@code instant} without firing anything; never moves it back. */
  public synchronized void advanceTo(Instant instant) {
    if (instant.isAfter(now)) {
      now = instant;
    }
  }

  private static final class Timer implements Comparable<Timer> {
    final Instant due;
    final long sequence;
    final Runnable task;

    Timer(Instant due, long sequence, Runnable task) {
      this.due = due;
      this.sequence = sequence;
      this.task = task;
    }

    @Override
    public int compareTo(Timer o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }
}
