package dev.ffe.examples.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code ffe graph}: draws a workflow as a Mermaid flowchart. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description =
        "Prints a workflow as a Mermaid flowchart (paste it into Markdown as ```mermaid).")
public final class GraphCommand extends BaseCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  WorkflowSource source;

  @Override
  protected int execute() throws Exception {
    try (WorkflowSource.Opened opened = source.open(null)) {
      String mermaid = Mermaid.draw(opened.root);
      if (json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workflow", opened.root.name());
        doc.put("mermaid", mermaid);
        printJson(doc);
      } else {
        out().print(mermaid);
        out().flush();
      }
      return OK;
    }
  }
}
