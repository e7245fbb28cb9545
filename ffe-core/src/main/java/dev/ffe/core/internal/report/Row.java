package dev.ffe.core.internal.report;

import dev.ffe.core.StepResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One step of the result tree in display order (depth first, a step's compensation after its
 * children), with its depth.
 *
 * @param step the step's result
 * @param depth 0 for the root
 * @param compensation true if this step ran as another step's compensation
 */
record Row(StepResult step, int depth, boolean compensation) {

  /** Returns the role label shown next to the name, or empty for an ordinary step. */
  String roleLabel() {
    if (compensation) {
      return "compensation";
    }
    return step.role().map(r -> r.replace('_', ' ')).orElse("");
  }

  /** Returns the path shown and used in data attributes; the root's is empty. */
  String path() {
    return step.path();
  }

  /** True for a group: a step with children (or a root), drawn as a span rather than attempts. */
  boolean isGroup() {
    return !step.steps().isEmpty() || depth == 0;
  }

  /**
   * Flattens the tree iteratively (deep trees must not overflow the stack), stopping after {@code
   * limit} rows.
   */
  static List<Row> flatten(StepResult root, int limit) {
    List<Row> rows = new ArrayList<>();
    Deque<Row> stack = new ArrayDeque<>();
    stack.push(new Row(root, 0, false));
    while (!stack.isEmpty() && rows.size() < limit) {
      Row row = stack.pop();
      rows.add(row);
      StepResult step = row.step();
      step.compensation().ifPresent(c -> stack.push(new Row(c, row.depth() + 1, true)));
      for (int i = step.steps().size() - 1; i >= 0; i--) {
        stack.push(new Row(step.steps().get(i), row.depth() + 1, row.compensation()));
      }
    }
    return rows;
  }

  /** Counts the steps of the tree, compensations included, without recursion. */
  static int count(StepResult root) {
    int count = 0;
    Deque<StepResult> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      StepResult step = stack.pop();
      count++;
      step.compensation().ifPresent(stack::push);
      step.steps().forEach(stack::push);
    }
    return count;
  }
}
