package dev.ffe.core.internal;

import dev.ffe.core.AttemptResult;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable record of one step while a run is under way; {@link #snapshot()} turns it into the
 * immutable {@link StepResult}. Guarded by its own monitor.
 */
final class Node {
  final WorkflowStep step;
  final String path;
  final String role;
  private StepStatus status = StepStatus.PENDING;
  private Instant startedAt;
  private Instant finishedAt;
  private List<AttemptResult> attempts = List.of();
  private Object output;
  private String error;
  private String errorType;
  private List<Node> children = List.of();
  private Node compensation;
  private long finishSequence;
  private boolean started;
  private boolean compensated;

  Node(WorkflowStep step, String path, String role) {
    this.step = step;
    this.path = path;
    this.role = role;
  }

  synchronized void start(Instant at) {
    if (startedAt == null) {
      startedAt = at;
    }
    status = StepStatus.RUNNING;
  }

  synchronized void markActionStarted() {
    started = true;
  }

  synchronized boolean actionStarted() {
    return started;
  }

  /** True if this step's action, or one below it, was invoked. */
  boolean actionStartedInSubtree() {
    if (actionStarted()) {
      return true;
    }
    for (Node child : children()) {
      if (child.actionStartedInSubtree()) {
        return true;
      }
    }
    return false;
  }

  synchronized void addAttempt(AttemptResult attempt) {
    if (attempts.isEmpty()) {
      attempts = new ArrayList<>(1);
    }
    attempts.add(attempt);
  }

  synchronized void setChildren(List<Node> children) {
    this.children = children;
  }

  synchronized List<Node> children() {
    return children;
  }

  synchronized void finish(
      StepStatus status, Instant at, Object output, String error, String errorType, long seq) {
    this.status = status;
    if (startedAt != null) {
      this.finishedAt = at;
    }
    this.output = output;
    this.error = error;
    this.errorType = errorType;
    this.finishSequence = seq;
  }

  synchronized StepStatus status() {
    return status;
  }

  synchronized String error() {
    return error;
  }

  synchronized Object output() {
    return output;
  }

  synchronized long finishSequence() {
    return finishSequence;
  }

  /** Claims this node for compensation; true only the first time. */
  synchronized boolean claimCompensation() {
    if (compensated) {
      return false;
    }
    compensated = true;
    return true;
  }

  /** Adds this node and the nodes below it (compensations included) that have ended. */
  void collectEnded(List<Node> into) {
    Node comp;
    List<Node> kids;
    synchronized (this) {
      if (status.isTerminal()) {
        into.add(this);
      }
      comp = compensation;
      kids = children;
    }
    for (Node child : kids) {
      if (child != null) {
        child.collectEnded(into);
      }
    }
    if (comp != null) {
      comp.collectEnded(into);
    }
  }

  synchronized void setCompensation(Node compensation) {
    this.compensation = compensation;
  }

  /** Rebuilds the node of a step that completed in an earlier run, marked {@code restored}. */
  static Node restored(WorkflowStep step, StepResult previous) {
    Node node = new Node(step, previous.path(), previous.role().orElse("restored"));
    node.status = previous.status();
    node.startedAt = previous.startedAt().orElse(null);
    node.finishedAt = previous.finishedAt().orElse(null);
    node.attempts = new ArrayList<>(previous.attempts());
    node.output = previous.output().orElse(null);
    List<Node> kids = new ArrayList<>();
    for (int i = 0; i < step.steps().size(); i++) {
      kids.add(restored(step.steps().get(i), previous.steps().get(i)));
    }
    node.children = kids;
    return node;
  }

  synchronized StepResult snapshot() {
    List<StepResult> kids = new ArrayList<>(step.steps().size());
    if (children.isEmpty() && !step.steps().isEmpty()) {
      // never ran its children: show the declared ones, so a journal always has the full shape
      boolean ended = status.isTerminal();
      for (WorkflowStep child : step.steps()) {
        String childPath = path.isEmpty() ? child.name() : path + "/" + child.name();
        Node declared = new Node(child, childPath, null);
        if (ended) {
          declared.status = StepStatus.SKIPPED;
          declared.error = "not started: '" + step.name() + "' " + status.jsonName();
        }
        kids.add(declared.snapshot());
      }
    }
    for (Node child : children) {
      kids.add(child.snapshot());
    }
    return new StepResult(
        step.name(),
        path,
        status,
        startedAt,
        finishedAt,
        attempts,
        output,
        error,
        errorType,
        kids,
        compensation == null ? null : compensation.snapshot(),
        role);
  }
}
