package dev.ffe.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor used when none is given: daemon threads sized for blocking I/O actions (64, or 8 per
 * core if more), idle threads released after a minute, an unbounded queue so a 100,000-step
 * parallel group waits its turn instead of being rejected.
 */
public final class DefaultExecutor {
  private static final Executor INSTANCE = create();

  private DefaultExecutor() {}

  /** Returns the shared default executor. */
  public static Executor get() {
    return INSTANCE;
  }

  private static Executor create() {
    int threads = Math.max(64, 8 * Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "ffe-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
