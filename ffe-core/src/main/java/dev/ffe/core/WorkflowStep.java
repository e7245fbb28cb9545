package dev.ffe.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One node of a workflow: a leaf with an action, or a group ({@link StepType#SEQUENTIAL} or {@link
 * StepType#PARALLEL}) of child steps. The root step is the workflow; its name is the workflow's
 * name.
 *
 * <p>Immutable: every {@code with}-style setter ({@link #retries(int)}, {@link #timeout(Duration)},
 * ...) returns a copy, so a step can be shared between workflows and runs.
 *
 * <pre>{@code
 * WorkflowStep deployment = WorkflowStep.sequential("deployment",
 *     WorkflowStep.parallel("pre-deployment",
 *         WorkflowStep.task("backup", ctx -> backups.database()).timeout(Duration.ofMinutes(5)).retries(2),
 *         WorkflowStep.task("health-check", health).retries(3)),
 *     WorkflowStep.task("deploy", ctx -> deployApp(ctx)).compensateWith(rollback),
 *     WorkflowStep.task("notify", notifyTeam).onError(ErrorAction.CONTINUE).trigger(Trigger.ALWAYS));
 * }</pre>
 */
public final class WorkflowStep {
  /** Retries a step gets from {@link ErrorAction#RETRY} when {@link #retries(int)} was not set. */
  public static final int DEFAULT_RETRIES_ON_RETRY = 3;

  private static final int UNSET = -1;

  private final String name;
  private final StepType type;
  private final StepAction action;
  private final Task task;
  private final List<WorkflowStep> steps;
  private final Settings settings;

  /**
   * What the fluent calls change. Mutable only inside {@link #with}; a built step never changes its
   * settings, and the final field publishes them safely.
   */
  private static final class Settings {
    int retries = UNSET;
    Backoff backoff = Backoff.DEFAULT;
    Duration timeout;
    Duration delay = Duration.ZERO;
    Predicate<? super StepContext> condition;
    Predicate<? super Throwable> retryOn;
    ErrorAction onError = ErrorAction.FAIL;
    Trigger trigger = Trigger.ALL_SUCCESS;
    WorkflowStep compensation;
    boolean rerunOnResume;

    Settings copy() {
      Settings c = new Settings();
      c.retries = retries;
      c.backoff = backoff;
      c.timeout = timeout;
      c.delay = delay;
      c.condition = condition;
      c.retryOn = retryOn;
      c.onError = onError;
      c.trigger = trigger;
      c.compensation = compensation;
      c.rerunOnResume = rerunOnResume;
      return c;
    }
  }

  private WorkflowStep(
      String name,
      StepType type,
      StepAction action,
      Task task,
      List<WorkflowStep> steps,
      Settings settings) {
    this.name = name;
    this.type = type;
    this.action = action;
    this.task = task;
    this.steps = steps;
    this.settings = settings;
  }

  private WorkflowStep with(Consumer<Settings> change) {
    Settings changed = settings.copy();
    change.accept(changed);
    return new WorkflowStep(name, type, action, task, steps, changed);
  }

  private static WorkflowStep leaf(String name, StepAction action, Task task) {
    return new WorkflowStep(checkName(name), null, action, task, List.of(), new Settings());
  }

  /** Creates a leaf step whose asynchronous action returns a stage with the step's output. */
  public static WorkflowStep action(String name, StepAction action) {
    return leaf(name, Objects.requireNonNull(action, "action == null"), null);
  }

  /** Creates a leaf step that runs blocking work on the workflow's executor. */
  public static WorkflowStep task(String name, Task task) {
    return leaf(name, null, Objects.requireNonNull(task, "task == null"));
  }

  /** Creates a leaf step from a {@link Callable}; its value is the step's output. */
  public static WorkflowStep task(String name, Callable<?> callable) {
    Objects.requireNonNull(callable, "callable == null");
    return task(name, ctx -> callable.call());
  }

  /** Creates a leaf step from a {@link Runnable}; the step has no output. */
  public static WorkflowStep task(String name, Runnable runnable) {
    Objects.requireNonNull(runnable, "runnable == null");
    return task(
        name,
        ctx -> {
          runnable.run();
          return null;
        });
  }

  /** Creates a group whose children run one after another. */
  public static WorkflowStep sequential(String name, WorkflowStep... steps) {
    return group(
        name, StepType.SEQUENTIAL, List.of(Objects.requireNonNull(steps, "steps == null")));
  }

  /** Creates a group whose children run one after another. */
  public static WorkflowStep sequential(String name, List<WorkflowStep> steps) {
    return group(name, StepType.SEQUENTIAL, steps);
  }

  /** Creates a group whose children run at the same time. */
  public static WorkflowStep parallel(String name, WorkflowStep... steps) {
    return group(name, StepType.PARALLEL, List.of(Objects.requireNonNull(steps, "steps == null")));
  }

  /** Creates a group whose children run at the same time. */
  public static WorkflowStep parallel(String name, List<WorkflowStep> steps) {
    return group(name, StepType.PARALLEL, steps);
  }

  /** Creates a group of the given type. */
  public static WorkflowStep group(String name, StepType type, List<WorkflowStep> steps) {
    checkName(name);
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(steps, "steps == null");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException(
          "group '" + name + "' has no steps: give it at least one child step");
    }
    Set<String> seen = new HashSet<>();
    List<WorkflowStep> copy = new ArrayList<>(steps.size());
    for (WorkflowStep child : steps) {
      if (child == null) {
        throw new IllegalArgumentException(
            "group '" + name + "' has a null step at index " + copy.size() + ": remove it");
      }
      if (!seen.add(child.name)) {
        throw new IllegalArgumentException(
            "step name '"
                + name
                + "/"
                + child.name
                + "' is used twice in group '"
                + name
                + "': sibling steps need unique names");
      }
      copy.add(child);
    }
    return new WorkflowStep(
        name, type, null, null, Collections.unmodifiableList(copy), new Settings());
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("step name is blank: give every step a name");
    }
    if (name.contains("/")) {
      throw new IllegalArgumentException(
          "step name '" + name + "' contains '/', which separates step paths: use '-' instead");
    }
    return name;
  }

  /** Returns a copy that retries up to {@code retries} times after the first attempt fails. */
  public WorkflowStep retries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException(
          "step '" + name + "': retries is " + retries + ": use 0 (no retry) or more");
    }
    return with(x -> x.retries = retries);
  }

  /** Returns a copy that waits between retries as {@code backoff} says. */
  public WorkflowStep backoff(Backoff backoff) {
    Objects.requireNonNull(backoff, "backoff == null");
    return with(x -> x.backoff = backoff);
  }

  /**
   * Returns a copy whose every attempt is cancelled and counted as timed out after {@code timeout}.
   */
  public WorkflowStep timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "step '" + name + "': timeout is " + timeout + ": use a positive duration");
    }
    return with(x -> x.timeout = timeout);
  }

  /**
   * Returns a copy that waits {@code delay} on the workflow clock before its first attempt (the
   * seed waits 30 s after a deploy before checking health).
   */
  public WorkflowStep delay(Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          "step '" + name + "': delay is " + delay + ": use zero or a positive duration");
    }
    return with(x -> x.delay = delay);
  }

  /** Returns a copy that runs only when {@code condition} holds; otherwise the step is skipped. */
  public WorkflowStep when(Predicate<? super StepContext> condition) {
    Objects.requireNonNull(condition, "condition == null");
    return with(x -> x.condition = condition);
  }

  /**
   * Returns a copy that retries only failures matching {@code retryOn}; other failures end the step
   * at once. By default every failure and timeout is retried.
   */
  public WorkflowStep retryOn(Predicate<? super Throwable> retryOn) {
    Objects.requireNonNull(retryOn, "retryOn == null");
    return with(x -> x.retryOn = retryOn);
  }

  /** Returns a copy whose failure (after retries) affects its parent as {@code onError} says. */
  public WorkflowStep onError(ErrorAction onError) {
    Objects.requireNonNull(onError, "onError == null");
    return with(x -> x.onError = onError);
  }

  /** Returns a copy that runs according to {@code trigger} relative to its earlier siblings. */
  public WorkflowStep trigger(Trigger trigger) {
    Objects.requireNonNull(trigger, "trigger == null");
    return with(x -> x.trigger = trigger);
  }

  /** Shorthand for {@code trigger(Trigger.ALWAYS)}: runs whatever happened before, like finally. */
  public WorkflowStep always() {
    return trigger(Trigger.ALWAYS);
  }

  /** Shorthand for {@code trigger(Trigger.ON_FAILURE)}: runs only when an earlier step failed. */
  public WorkflowStep onFailure() {
    return trigger(Trigger.ON_FAILURE);
  }

  /**
   * Returns a copy that, when the workflow fails after this step started, runs {@code compensation}
   * to undo it (saga semantics: compensations run in reverse order of completion, inner steps
   * before outer ones). A compensation cannot declare a compensation of its own.
   */
  public WorkflowStep compensateWith(WorkflowStep compensation) {
    Objects.requireNonNull(compensation, "compensation == null");
    if (compensation.settings.compensation != null) {
      throw new IllegalArgumentException(
          "compensation '"
              + compensation.name
              + "' of step '"
              + name
              + "' has a compensation of its own: compensations cannot be compensated;"
              + " put the extra undo work inside '"
              + compensation.name
              + "'");
    }
    if (compensation == this) {
      throw new IllegalArgumentException(
          "step '" + name + "' cannot compensate itself: give it a separate undo step");
    }
    return with(x -> x.compensation = compensation);
  }

  /**
   * Returns a copy that runs again when a failed run is resumed, even if it completed before
   * (health checks, anything whose earlier result may be stale).
   */
  public WorkflowStep rerunOnResume() {
    return with(x -> x.rerunOnResume = true);
  }

  /** True if this step runs again on resume even when it completed before. */
  public boolean isRerunOnResume() {
    return settings.rerunOnResume;
  }

  /**
   * Creates a step that waits for a decision made through {@link WorkflowRun#approve} or {@link
   * WorkflowRun#reject} (a manual gate before a production deploy). Approved: the step completes
   * with the {@link ApprovalDecision} as output. Rejected: the step fails, naming who rejected it
   * and why. No decision within {@code timeout}: {@code approveOnTimeout} decides, recorded as made
   * by {@code "timeout"}.
   */
  public static WorkflowStep approval(String name, Duration timeout, boolean approveOnTimeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "approval '" + name + "': timeout is " + timeout + ": use a positive duration");
    }
    return action(name, new dev.ffe.core.internal.ApprovalAction(timeout, approveOnTimeout));
  }

  /** True if this step is an approval gate made by {@link #approval}. */
  public boolean isApprovalGate() {
    return action instanceof dev.ffe.core.internal.ApprovalAction;
  }

  /** Returns the step's name, unique among its siblings. */
  public String name() {
    return name;
  }

  /** Returns the group type, or empty for a leaf. */
  public Optional<StepType> type() {
    return Optional.ofNullable(type);
  }

  /** True if this step has an action rather than children. */
  public boolean isLeaf() {
    return type == null;
  }

  /** Returns the children in declaration order (empty for a leaf); the list is unmodifiable. */
  public List<WorkflowStep> steps() {
    return steps;
  }

  /** Returns the async action of a leaf made with {@link #action}, if any. */
  public Optional<StepAction> asyncAction() {
    return Optional.ofNullable(action);
  }

  /** Returns the blocking task of a leaf made with {@link #task}, if any. */
  public Optional<Task> blockingTask() {
    return Optional.ofNullable(task);
  }

  /** Returns how many retries follow a failed first attempt, resolving the RETRY default. */
  public int retries() {
    if (settings.retries != UNSET) {
      return settings.retries;
    }
    return settings.onError == ErrorAction.RETRY ? DEFAULT_RETRIES_ON_RETRY : 0;
  }

  /** Returns the backoff between retries. */
  public Backoff backoff() {
    return settings.backoff;
  }

  /** Returns the per-attempt timeout, if any. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(settings.timeout);
  }

  /** Returns the wait before the first attempt (zero for none). */
  public Duration delay() {
    return settings.delay;
  }

  /** Returns the condition, if any. */
  public Optional<Predicate<? super StepContext>> condition() {
    return Optional.ofNullable(settings.condition);
  }

  /** Returns which failures are retried, if restricted. */
  public Optional<Predicate<? super Throwable>> retryOn() {
    return Optional.ofNullable(settings.retryOn);
  }

  /** Returns what a failure does to the parent. */
  public ErrorAction onError() {
    return settings.onError;
  }

  /** Returns when this step runs relative to its earlier siblings. */
  public Trigger trigger() {
    return settings.trigger;
  }

  /** Returns the compensating step, if any. */
  public Optional<WorkflowStep> compensation() {
    return Optional.ofNullable(settings.compensation);
  }

  /** Returns the number of steps in this tree, this one and compensations included. */
  public int size() {
    int count = 0;
    List<WorkflowStep> stack = new ArrayList<>();
    stack.add(this);
    while (!stack.isEmpty()) {
      WorkflowStep s = stack.remove(stack.size() - 1);
      count++;
      stack.addAll(s.steps);
      if (s.settings.compensation != null) {
        stack.add(s.settings.compensation);
      }
    }
    return count;
  }

  /**
   * Returns the plan as an indented tree, one step a line with its settings; two trees with the
   * same plan run the same way (actions aside).
   */
  public String plan() {
    StringBuilder out = new StringBuilder();
    appendPlan(out, "", "");
    return out.toString();
  }

  private void appendPlan(StringBuilder out, String indent, String role) {
    out.append(indent).append(role).append(name);
    out.append(" [").append(type == null ? (task != null ? "task" : "action") : type.name());
    if (retries() > 0) {
      out.append(", retries=").append(retries()).append(", backoff=").append(settings.backoff);
    }
    if (settings.timeout != null) {
      out.append(", timeout=").append(settings.timeout);
    }
    if (!settings.delay.isZero()) {
      out.append(", delay=").append(settings.delay);
    }
    if (settings.condition != null) {
      out.append(", conditional");
    }
    if (settings.onError != ErrorAction.FAIL) {
      out.append(", on_error=").append(settings.onError);
    }
    if (settings.trigger != Trigger.ALL_SUCCESS) {
      out.append(", trigger=").append(settings.trigger);
    }
    out.append("]\n");
    for (WorkflowStep child : steps) {
      child.appendPlan(out, indent + "  ", "");
    }
    if (settings.compensation != null) {
      settings.compensation.appendPlan(out, indent + "  ", "compensate: ");
    }
  }

  @Override
  public String toString() {
    return "WorkflowStep["
        + name
        + (type == null ? "" : ", " + type + ", " + steps.size() + " steps")
        + "]";
  }
}
