package dev.ffe.core.internal;

import dev.ffe.core.StepResult;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import java.util.ArrayList;
import java.util.List;

/** Checks that a journal belongs to a workflow of the same shape before resuming from it. */
public final class ResumeCheck {
  private ResumeCheck() {}

  /**
   * Throws {@link IllegalArgumentException} listing the differences when {@code previous} does not
   * match {@code root}: another workflow name, or steps renamed, added, removed or reordered.
   */
  public static void requireSameShape(WorkflowStep root, WorkflowResult previous) {
    if (!root.name().equals(previous.workflowName())) {
      throw new IllegalArgumentException(
          "the journal is from workflow '"
              + previous.workflowName()
              + "', not '"
              + root.name()
              + "': resume with that workflow's journal");
    }
    List<String> differences = new ArrayList<>();
    compare(root, previous.root(), root.name(), differences);
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot resume workflow '"
              + root.name()
              + "': its shape no longer matches the journal: "
              + String.join("; ", differences.subList(0, Math.min(10, differences.size())))
              + ". Run it from the start instead");
    }
  }

  private static void compare(
      WorkflowStep step, StepResult before, String path, List<String> differences) {
    List<String> now = new ArrayList<>();
    for (WorkflowStep child : step.steps()) {
      now.add(child.name());
    }
    List<String> then = new ArrayList<>();
    for (StepResult child : before.steps()) {
      then.add(child.name());
    }
    if (!now.equals(then)) {
      for (String n : now) {
        if (!then.contains(n)) {
          differences.add("step '" + path + "/" + n + "' is new");
        }
      }
      for (String t : then) {
        if (!now.contains(t)) {
          differences.add("step '" + path + "/" + t + "' was removed or renamed");
        }
      }
      if (differences.isEmpty()) {
        differences.add("the steps of '" + path + "' were reordered: " + then + " -> " + now);
      }
      return;
    }
    for (int i = 0; i < now.size(); i++) {
      compare(step.steps().get(i), before.steps().get(i), path + "/" + now.get(i), differences);
    }
  }
}
