package dev.ffe.examples.internal;

import dev.ffe.examples.Examples;
import dev.ffe.examples.WorkflowFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code ffe list}: the built-in example workflows and the action types workflow files may use. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the built-in example workflows and the action types for workflow files.")
public final class ListCommand extends BaseCommand {

  @Override
  protected int execute() {
    Map<String, String> types = WorkflowFiles.create().actionTypeProviders();
    if (json()) {
      List<Map<String, String>> workflows = new ArrayList<>();
      for (String name : Examples.names()) {
        workflows.add(Map.of("name", name, "description", Examples.description(name)));
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("workflows", workflows);
      doc.put("action_types", new ArrayList<>(types.keySet()));
      printJson(doc);
      return OK;
    }
    out().println("Example workflows (ffe run --workflow NAME):");
    for (String name : Examples.names()) {
      out().printf("  %-12s %s%n", name, Examples.description(name));
    }
    out().println();
    out().println("Action types for workflow files (action: {type: ...}):");
    types.forEach((type, provider) -> out().printf("  %-24s %s%n", type, provider));
    out().flush();
    return OK;
  }
}
