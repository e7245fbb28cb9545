package dev.ffe.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What a running step sees: where it is in the workflow, which attempt this is, the values earlier
 * steps produced, the workflow's clock, and whether it has been asked to stop.
 *
 * <p>One context per attempt. Thread-safe: parallel steps share the workflow's values.
 */
public interface StepContext {

  /** Returns the name of the workflow (its root step). */
  String workflowName();

  /** Returns this step's name. */
  String stepName();

  /** Returns this step's path from the root's children, e.g. {@code pre-deployment/backup}. */
  String stepPath();

  /** Returns the attempt number, 1 for the first attempt. */
  int attempt();

  /** Returns the value stored under {@code key}, if any. */
  <T> Optional<T> get(ContextKey<T> key);

  /**
   * Returns the value stored under {@code key}.
   *
   * @throws IllegalStateException naming the key and this step when no value is stored
   */
  <T> T require(ContextKey<T> key);

  /** Stores a value for later steps; replaces any earlier value under the same key. */
  <T> void put(ContextKey<T> key, T value);

  /**
   * Returns the output of the step at {@code path} (relative to the root, e.g. {@code
   * pre-deployment/backup}) if it has completed with an output.
   */
  Optional<Object> outputOf(String path);

  /**
   * Returns the results of the steps that have ended so far in this workflow, in the order they
   * ended. An {@link Trigger#ALWAYS} step reads here what happened before it.
   */
  List<StepResult> finishedSteps();

  /** Returns the first failure of the enclosing groups so far, if any (for always-run steps). */
  Optional<StepResult> failure();

  /** Returns the current instant on the workflow's clock. */
  Instant now();

  /** Returns a stage that completes after {@code duration} on the workflow's clock. */
  CompletionStage<Void> sleep(Duration duration);

  /** Returns the workflow's scheduler (virtual under the test executor). */
  Scheduler scheduler();

  /** True once this attempt has been cancelled, timed out, or the workflow cancelled. */
  boolean isCancelled();

  /**
   * Registers a callback that runs once when this attempt is cancelled (immediately if it already
   * is). Use it to abort I/O that does not respond to interrupts.
   */
  void onCancel(Runnable callback);

  /**
   * Returns the decision at the approval gate {@code gatePath} (a step path), completed when {@link
   * WorkflowRun#approve} or {@link WorkflowRun#reject} is called for it, even if that happened
   * before this step started.
   */
  CompletionStage<ApprovalDecision> approval(String gatePath);

  /** Throws {@link java.util.concurrent.CancellationException} if {@link #isCancelled()}. */
  void throwIfCancelled();
}
