package dev.ffe.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-run settings: a whole-workflow deadline and values to seed the context with.
 *
 * <p>Immutable and thread-safe; every setter returns a copy.
 */
public final class RunOptions {
  private static final RunOptions DEFAULTS = new RunOptions(null, Map.of(), null);
  private final Duration deadline;
  private final Map<ContextKey<?>, Object> values;
  private final Path journal;

  private RunOptions(Duration deadline, Map<ContextKey<?>, Object> values, Path journal) {
    this.deadline = deadline;
    this.values = values;
    this.journal = journal;
  }

  /**
   * Returns a copy that keeps a journal: the result JSON rewritten atomically to {@code file} each
   * time a step ends, so a killed JVM leaves a valid record to resume from. Costs one JSON write
   * per step: use it for operational workflows, not for 100,000-step trees.
   */
  public RunOptions journal(Path file) {
    return new RunOptions(deadline, values, Objects.requireNonNull(file, "file == null"));
  }

  /** Returns the journal file, if any. */
  public Optional<Path> journal() {
    return Optional.ofNullable(journal);
  }

  /** Returns options with no deadline and no values. */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with a deadline for the whole run: when it passes, running steps are cancelled
   * and end TIMED_OUT, and no retry that would start after it is begun.
   */
  public RunOptions deadline(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline == null");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException(
          "workflow deadline is " + deadline + ": use a positive duration");
    }
    return new RunOptions(deadline, values, journal);
  }

  /** Returns a copy that stores {@code value} under {@code key} before the first step runs. */
  public <T> RunOptions with(ContextKey<T> key, T value) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null");
    Map<ContextKey<?>, Object> copy = new LinkedHashMap<>(values);
    copy.put(key, key.cast(value));
    return new RunOptions(deadline, Map.copyOf(copy), journal);
  }

  /** Returns the deadline, if any. */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Returns the initial context values. */
  public Map<ContextKey<?>, Object> values() {
    return values;
  }
}
