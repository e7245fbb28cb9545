package dev.ffe.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one step and, for a group, of its children: status, attempts, timing on the
 * workflow clock, output, error, and the outcome of its compensation if one ran.
 *
 * <p>Immutable and thread-safe; the lists are unmodifiable.
 */
public final class StepResult {
  private final String name;
  private final String path;
  private final StepStatus status;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final List<AttemptResult> attempts;
  private final Object output;
  private final String error;
  private final String errorType;
  private final List<StepResult> steps;
  private final StepResult compensation;
  private final String role;

  /**
   * Creates a result. Library code builds these; the constructor is public so results can be read
   * back from JSON and built in tests.
   *
   * @param role null for a normal step, or {@code "always"}, {@code "on_failure"} or {@code
   *     "compensation"}
   */
  public StepResult(
      String name,
      String path,
      StepStatus status,
      Instant startedAt,
      Instant finishedAt,
      List<AttemptResult> attempts,
      Object output,
      String error,
      String errorType,
      List<StepResult> steps,
      StepResult compensation,
      String role) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.path = Objects.requireNonNull(path, "path == null");
    this.status = Objects.requireNonNull(status, "status == null");
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.attempts = List.copyOf(attempts);
    this.output = output;
    this.error = error;
    this.errorType = errorType;
    this.steps = List.copyOf(steps);
    this.compensation = compensation;
    this.role = role;
  }

  /** Returns the step's name. */
  public String name() {
    return name;
  }

  /** Returns the step's path below the root, e.g. {@code pre-deployment/backup}. */
  public String path() {
    return path;
  }

  /** Returns how the step ended. */
  public StepStatus status() {
    return status;
  }

  /** Returns when the step started on the workflow clock, if it started. */
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  /** Returns when the step ended on the workflow clock, if it started. */
  public Optional<Instant> finishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  /** Returns how long the step took, backoff delays included; zero if it never started. */
  public Duration duration() {
    return startedAt == null || finishedAt == null
        ? Duration.ZERO
        : Duration.between(startedAt, finishedAt);
  }

  /** Returns the attempts in order (empty for a step that never started). */
  public List<AttemptResult> attempts() {
    return attempts;
  }

  /** Returns the output of the step's last attempt, if it produced one. */
  public Optional<Object> output() {
    return Optional.ofNullable(output);
  }

  /** Returns the failure message, if the step failed, timed out or was cancelled. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** Returns the class name of the failure, if there was an exception. */
  public Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** Returns the children's results in declaration order (empty for a leaf). */
  public List<StepResult> steps() {
    return steps;
  }

  /** Returns the outcome of this step's compensation, if it ran. */
  public Optional<StepResult> compensation() {
    return Optional.ofNullable(compensation);
  }

  /**
   * Returns why the step ran apart from the main flow: {@code always}, {@code on_failure} or {@code
   * compensation}; empty for an ordinary step.
   */
  public Optional<String> role() {
    return Optional.ofNullable(role);
  }

  /**
   * Finds a descendant by a path relative to this step, e.g. {@code backup} or {@code
   * pre-deployment/backup}.
   */
  public Optional<StepResult> find(String relativePath) {
    Objects.requireNonNull(relativePath, "relativePath == null");
    StepResult current = this;
    for (String part : relativePath.split("/", -1)) {
      StepResult next = null;
      for (StepResult child : current.steps) {
        if (child.name.equals(part)) {
          next = child;
          break;
        }
      }
      if (next == null) {
        return Optional.empty();
      }
      current = next;
    }
    return Optional.of(current);
  }

  /** Returns a copy with a compensation outcome attached. */
  public StepResult withCompensation(StepResult compensation) {
    return new StepResult(
        name,
        path,
        status,
        startedAt,
        finishedAt,
        attempts,
        output,
        error,
        errorType,
        steps,
        compensation,
        role);
  }

  /** Returns this tree as indented text, one step a line, for logs and assertion messages. */
  public String tree() {
    StringBuilder out = new StringBuilder();
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {this, ""});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      StepResult r = (StepResult) top[0];
      String indent = (String) top[1];
      out.append(indent)
          .append(r.role == null ? "" : r.role + ": ")
          .append(r.name)
          .append(" ")
          .append(r.status.jsonName())
          .append(" attempts=")
          .append(r.attempts.size())
          .append(" duration=")
          .append(Durations.seconds(r.duration()))
          .append("s");
      if (r.error != null) {
        out.append(" error=").append(r.error);
      }
      out.append('\n');
      if (r.compensation != null) {
        stack.push(new Object[] {r.compensation, indent + "  "});
      }
      for (int i = r.steps.size() - 1; i >= 0; i--) {
        stack.push(new Object[] {r.steps.get(i), indent + "  "});
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "StepResult[" + path + " " + status.jsonName() + "]";
  }
}
