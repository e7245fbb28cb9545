package dev.ffe.core.internal.report;

import dev.ffe.core.StepResult;
import dev.ffe.core.StepType;
import dev.ffe.core.WorkflowStep;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether a group ran its children in sequence or in parallel. A result does not record its
 * group's type, so the definition is used when the caller has it; otherwise the type is inferred
 * from the children's timing (a child that started before an earlier sibling finished means
 * parallel; with no overlap, e.g. instantaneous steps under virtual time, sequential is assumed).
 */
final class GroupKinds {
  private final Map<String, StepType> declared;

  private GroupKinds(Map<String, StepType> declared) {
    this.declared = declared;
  }

  /** Returns kinds inferred from timing only. */
  static GroupKinds inferred() {
    return new GroupKinds(Map.of());
  }

  /** Returns kinds read from the definition, by path, falling back to inference elsewhere. */
  static GroupKinds declaredBy(WorkflowStep definition) {
    Map<String, StepType> types = new HashMap<>();
    Deque<Map.Entry<String, WorkflowStep>> stack = new ArrayDeque<>();
    stack.push(Map.entry("", definition));
    while (!stack.isEmpty()) {
      Map.Entry<String, WorkflowStep> top = stack.pop();
      String path = top.getKey();
      WorkflowStep step = top.getValue();
      step.type().ifPresent(t -> types.put(path, t));
      for (WorkflowStep child : step.steps()) {
        stack.push(Map.entry(child(path, child.name()), child));
      }
      step.compensation().ifPresent(c -> stack.push(Map.entry(child(path, c.name()), c)));
    }
    return new GroupKinds(types);
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }

  /** True if the group at {@code step} ran its children in parallel. */
  boolean isParallel(StepResult step) {
    StepType type = declared.get(step.path());
    if (type != null) {
      return type == StepType.PARALLEL;
    }
    List<StepResult> children = step.steps();
    Optional<Instant> latestFinish = Optional.empty();
    for (StepResult child : children) {
      if (child.startedAt().isPresent()
          && latestFinish.isPresent()
          && child.startedAt().get().isBefore(latestFinish.get())) {
        return true;
      }
      if (child.finishedAt().isPresent()
          && (latestFinish.isEmpty() || child.finishedAt().get().isAfter(latestFinish.get()))) {
        latestFinish = child.finishedAt();
      }
    }
    return false;
  }
}
