package dev.ffe.core;

import java.util.Locale;

/** The outcome of a step, an attempt or a whole workflow. */
public enum StepStatus {
  /** The step has not started yet, or never started. */
  PENDING,
  /** The step is running. */
  RUNNING,
  /** The step ran and succeeded. */
  COMPLETED,
  /** The step ran and failed (after its retries). */
  FAILED,
  /** The step's condition or trigger was false, or an earlier failure made it unnecessary. */
  SKIPPED,
  /** The step was cancelled while running, or before it could start. */
  CANCELLED,
  /** The step overran its per-attempt timeout on the last attempt, or the workflow deadline. */
  TIMED_OUT;

  /** Returns the lower-case name used in result JSON, e.g. {@code timed_out}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #jsonName()}. */
  public static StepStatus fromJsonName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** True for the statuses that end a step: anything but pending and running. */
  public boolean isTerminal() {
    return this != PENDING && this != RUNNING;
  }

  /** True for {@link #FAILED}, {@link #TIMED_OUT} and {@link #CANCELLED}. */
  public boolean isFailure() {
    return this == FAILED || this == TIMED_OUT || this == CANCELLED;
  }
}
