package dev.ffe.core.testing;

import dev.ffe.core.StepAction;
import dev.ffe.core.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A scripted stand-in for a step's action: fail N times then succeed, succeed after a virtual
 * delay, hang until cancelled, or throw. Every invocation is recorded with its virtual time and
 * what the context said.
 *
 * <pre>{@code
 * FakeAction backup = FakeAction.failing(2, new IOException("disk busy")).thenReturn("backup-1");
 * }</pre>
 *
 * <p>Immutable script, thread-safe recording.
 */
public final class FakeAction implements StepAction {
  private final int failures;
  private final Throwable failure;
  private final Object output;
  private final Duration delay;
  private final boolean hang;
  private final List<Invocation> invocations = new ArrayList<>();

  private FakeAction(int failures, Throwable failure, Object output, Duration delay, boolean hang) {
    this.failures = failures;
    this.failure = failure;
    this.output = output;
    this.delay = delay;
    this.hang = hang;
  }

  /** Returns a fake that succeeds at once with {@code output} (may be null for none). */
  public static FakeAction succeeding(Object output) {
    return new FakeAction(0, null, output, Duration.ZERO, false);
  }

  /** Returns a fake that fails its first {@code times} invocations with {@code failure}. */
  public static Script failing(int times, Throwable failure) {
    if (times < 0) {
      throw new IllegalArgumentException("a fake cannot fail " + times + " times: use 0 or more");
    }
    return new Script(times, Objects.requireNonNull(failure, "failure == null"));
  }

  /** Returns a fake that always throws {@code failure}. */
  public static FakeAction throwing(Throwable failure) {
    return new FakeAction(
        Integer.MAX_VALUE,
        Objects.requireNonNull(failure, "failure == null"),
        null,
        Duration.ZERO,
        false);
  }

  /** Returns a fake that never completes on its own: it ends only when cancelled or timed out. */
  public static FakeAction hanging() {
    return new FakeAction(0, null, null, Duration.ZERO, true);
  }

  /**
   * Returns a copy that takes {@code delay} of virtual time before each outcome.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public FakeAction after(Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a fake's delay is " + delay + ": use zero or more");
    }
    return new FakeAction(failures, failure, output, delay, hang);
  }

  /** The fail-then-succeed script being built. */
  public static final class Script {
    private final int times;
    private final Throwable failure;

    Script(int times, Throwable failure) {
      this.times = times;
      this.failure = failure;
    }

    /** Succeeds with {@code output} once the failures are used up. */
    public FakeAction thenReturn(Object output) {
      return new FakeAction(times, failure, output, Duration.ZERO, false);
    }
  }

  @Override
  public CompletionStage<?> execute(StepContext context) {
    int number;
    synchronized (invocations) {
      number = invocations.size() + 1;
      invocations.add(
          new Invocation(
              number,
              context.now(),
              context.workflowName(),
              context.stepPath(),
              context.attempt(),
              context.failure().isPresent()));
    }
    CompletableFuture<Object> result = new CompletableFuture<>();
    if (hang) {
      context.onCancel(() -> result.cancel(false));
      return result;
    }
    Runnable outcome =
        () -> {
          if (number <= failures) {
            result.completeExceptionally(failure);
          } else {
            result.complete(output);
          }
        };
    if (delay.isZero()) {
      outcome.run();
    } else {
      context.sleep(delay).thenRun(outcome);
    }
    return result;
  }

  /** Returns the invocations so far, in order. */
  public List<Invocation> invocations() {
    synchronized (invocations) {
      return List.copyOf(invocations);
    }
  }

  /** Returns how many times the fake was invoked. */
  public int invocationCount() {
    synchronized (invocations) {
      return invocations.size();
    }
  }

  /**
   * One call of a fake.
   *
   * @param number 1 for the first call
   * @param at the virtual instant of the call
   * @param workflowName the context's workflow name
   * @param stepPath the context's step path
   * @param attempt the context's attempt number
   * @param sawFailure whether the context reported an earlier failure
   */
  public record Invocation(
      int number,
      Instant at,
      String workflowName,
      String stepPath,
      int attempt,
      boolean sawFailure) {}
}
