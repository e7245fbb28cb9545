package dev.ffe.examples.internal;

import dev.ffe.core.WorkflowStep;
import dev.ffe.examples.WorkflowFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ffe validate FILE}: checks a workflow file without running anything. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a workflow file without running it.",
      "Problems are printed as FILE:LINE:COLUMN: message; exit code 2."
    })
public final class ValidateCommand extends BaseCommand {
  @Parameters(paramLabel = "FILE", description = "The workflow file (.yaml, .yml or .json).")
  Path file;

  @Override
  protected int execute() {
    WorkflowStep root = WorkflowFiles.create().load(file);
    if (json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("file", file.toString());
      doc.put("valid", true);
      doc.put("workflow", root.name());
      doc.put("steps", root.size());
      doc.put("plan", root.plan());
      printJson(doc);
    } else {
      out().println(file + ": ok, workflow '" + root.name() + "' with " + root.size() + " steps");
      out().flush();
    }
    return OK;
  }
}
