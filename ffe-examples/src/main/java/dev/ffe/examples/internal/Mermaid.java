package dev.ffe.examples.internal;

import dev.ffe.core.ErrorAction;
import dev.ffe.core.StepType;
import dev.ffe.core.Trigger;
import dev.ffe.core.WorkflowStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a workflow as a Mermaid flowchart: groups become subgraphs, sequential children are
 * chained, parallel children fan out and in, compensations hang off their step with a dashed edge.
 *
 * <p>Not thread-safe; use one instance per drawing (see {@link #draw(WorkflowStep)}).
 */
public final class Mermaid {
  private final StringBuilder nodes = new StringBuilder();
  private final List<String> edges = new ArrayList<>();
  private int next;

  private Mermaid() {}

  /** Returns the Mermaid source for {@code root}. */
  public static String draw(WorkflowStep root) {
    Mermaid m = new Mermaid();
    Ends ends = m.emit(root, "  ");
    StringBuilder out = new StringBuilder("flowchart TD\n");
    out.append("  start((start))\n");
    out.append(m.nodes);
    out.append("  finish((end))\n");
    for (String entry : ends.entries) {
      out.append("  start --> ").append(entry).append('\n');
    }
    for (String e : m.edges) {
      out.append("  ").append(e).append('\n');
    }
    for (String exit : ends.exits) {
      out.append("  ").append(exit).append(" --> finish\n");
    }
    return out.toString();
  }

  private record Ends(String id, List<String> entries, List<String> exits) {}

  private Ends emit(WorkflowStep step, String indent) {
    String id = "s" + next++;
    Ends ends;
    if (step.isLeaf()) {
      nodes.append(indent).append(id).append("[\"").append(label(step)).append("\"]\n");
      ends = new Ends(id, List.of(id), List.of(id));
    } else {
      StepType type = step.type().orElseThrow();
      nodes
          .append(indent)
          .append("subgraph ")
          .append(id)
          .append(" [\"")
          .append(label(step))
          .append(" (")
          .append(type.name().toLowerCase(java.util.Locale.ROOT))
          .append(")\"]\n");
      List<Ends> children = new ArrayList<>();
      for (WorkflowStep child : step.steps()) {
        children.add(emit(child, indent + "  "));
      }
      nodes.append(indent).append("end\n");
      if (type == StepType.PARALLEL) {
        List<String> entries = new ArrayList<>();
        List<String> exits = new ArrayList<>();
        for (Ends c : children) {
          entries.addAll(c.entries);
          exits.addAll(c.exits);
        }
        ends = new Ends(id, entries, exits);
      } else {
        for (int i = 0; i + 1 < children.size(); i++) {
          for (String from : children.get(i).exits) {
            for (String to : children.get(i + 1).entries) {
              edges.add(from + " --> " + to);
            }
          }
        }
        ends = new Ends(id, children.get(0).entries, children.get(children.size() - 1).exits);
      }
    }
    if (step.compensation().isPresent()) {
      Ends undo = emit(step.compensation().get(), indent);
      edges.add(id + " -. compensate .-> " + undo.id);
    }
    return ends;
  }

  private static String label(WorkflowStep step) {
    List<String> notes = new ArrayList<>();
    if (step.retries() > 0) {
      notes.add("retries " + step.retries());
    }
    step.timeout().ifPresent(t -> notes.add("timeout " + t.toString().substring(2).toLowerCase()));
    if (!step.delay().isZero()) {
      notes.add("delay " + step.delay().toString().substring(2).toLowerCase());
    }
    if (step.condition().isPresent()) {
      notes.add("conditional");
    }
    if (step.onError() != ErrorAction.FAIL) {
      notes.add("on error " + step.onError().name().toLowerCase());
    }
    if (step.trigger() != Trigger.ALL_SUCCESS) {
      notes.add(step.trigger().name().toLowerCase().replace('_', ' '));
    }
    String name = step.name().replace("\"", "#quot;");
    return notes.isEmpty() ? name : name + "<br/><small>" + String.join(", ", notes) + "</small>";
  }
}
