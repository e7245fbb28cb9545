package dev.ffe.core;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff between retries: the n-th retry waits {@code min(cap, base * factor^(n-1))},
 * then jitter moves it by up to {@code ±jitter} of itself, drawn from the workflow's seeded random
 * source. Jitter is off by default, so {@code retries(2)} waits exactly 1 s, then 2 s.
 *
 * <p>Immutable and thread-safe.
 */
public final class Backoff {
  /** One second, doubling, capped at one minute, no jitter. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0);

  /** No wait between retries. */
  public static final Backoff NONE = new Backoff(Duration.ZERO, 1.0, Duration.ZERO, 0.0);

  private final Duration base;
  private final double factor;
  private final Duration cap;
  private final double jitter;

  private Backoff(Duration base, double factor, Duration cap, double jitter) {
    this.base = base;
    this.factor = factor;
    this.cap = cap;
    this.jitter = jitter;
  }

  /**
   * Creates an exponential backoff.
   *
   * @param base the first delay, zero or more
   * @param factor the growth per retry, at least 1
   * @param cap the largest delay, at least {@code base}
   */
  public static Backoff exponential(Duration base, double factor, Duration cap) {
    Objects.requireNonNull(base, "base == null");
    Objects.requireNonNull(cap, "cap == null");
    if (base.isNegative()) {
      throw new IllegalArgumentException(
          "backoff base is negative (" + base + "): use zero or more");
    }
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("backoff factor is " + factor + ": use a number >= 1");
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "backoff cap " + cap + " is below its base " + base + ": raise the cap");
    }
    return new Backoff(base, factor, cap, 0.0);
  }

  /** Returns a backoff that waits {@code delay} before every retry. */
  public static Backoff fixed(Duration delay) {
    return exponential(delay, 1.0, delay);
  }

  /**
   * Returns a copy with jitter: each delay is moved by a uniform random fraction in {@code
   * [-jitter, +jitter]} of itself.
   *
   * @param jitter between 0 (off) and 1
   */
  public Backoff withJitter(double jitter) {
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter is " + jitter + ": use a fraction from 0 to 1");
    }
    return new Backoff(base, factor, cap, jitter);
  }

  /** Returns the first delay. */
  public Duration base() {
    return base;
  }

  /** Returns the growth factor per retry. */
  public double factor() {
    return factor;
  }

  /** Returns the largest delay before jitter. */
  public Duration cap() {
    return cap;
  }

  /** Returns the jitter fraction, 0 when off. */
  public double jitter() {
    return jitter;
  }

  /**
   * Returns the delay before retry number {@code retry} (1 for the first retry), drawing jitter
   * from {@code random} only when jitter is on.
   */
  public Duration delayBefore(int retry, RandomGenerator random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry number is " + retry + ": retries count from 1");
    }
    double nanos = base.toNanos() * Math.pow(factor, retry - 1);
    double capped = Math.min(nanos, (double) cap.toNanos());
    if (jitter > 0) {
      capped = capped * (1.0 + jitter * (2.0 * random.nextDouble() - 1.0));
    }
    return Duration.ofNanos(Math.max(0L, Math.round(capped)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Backoff b
        && b.base.equals(base)
        && b.factor == factor
        && b.cap.equals(cap)
        && b.jitter == jitter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(base, factor, cap, jitter);
  }

  @Override
  public String toString() {
    return "Backoff[base="
        + base
        + ", factor="
        + factor
        + ", cap="
        + cap
        + ", jitter="
        + jitter
        + "]";
  }
}
