package dev.ffe.examples.internal;

import dev.ffe.core.WorkflowRun;
import dev.ffe.core.WorkflowStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks on the terminal for the decision at each approval gate of a run, one gate after another.
 * Only used when a console is attached; without one, gates wait for their timeout default.
 */
final class ApprovalPrompt {
  private ApprovalPrompt() {}

  static void attach(WorkflowStep root, WorkflowRun run, PrintWriter err) {
    List<String> gates = new ArrayList<>();
    collect(root, "", gates);
    if (gates.isEmpty()) {
      return;
    }
    Thread prompt = new Thread(() -> ask(gates, run, err), "ffe-approval-prompt");
    prompt.setDaemon(true);
    prompt.start();
  }

  private static void collect(WorkflowStep step, String path, List<String> into) {
    if (step.isApprovalGate()) {
      into.add(path);
    }
    for (WorkflowStep child : step.steps()) {
      collect(child, path.isEmpty() ? child.name() : path + "/" + child.name(), into);
    }
  }

  static void ask(List<String> gates, WorkflowRun run, PrintWriter err) {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String user = System.getProperty("user.name", "terminal");
    for (String gate : gates) {
      if (run.isDone()) {
        return;
      }
      err.printf("Approval gate '%s': approve? [y/N] ", gate);
      err.flush();
      try {
        String answer = in.readLine();
        if (answer == null) {
          return;
        }
        err.print("Comment: ");
        err.flush();
        String comment = in.readLine();
        if (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes")) {
          run.approve(gate, user, comment == null ? "" : comment);
        } else {
          run.reject(gate, user, comment == null ? "" : comment);
        }
      } catch (IOException e) {
        return;
      }
    }
  }
}
