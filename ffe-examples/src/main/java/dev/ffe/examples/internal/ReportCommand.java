package dev.ffe.examples.internal;

import dev.ffe.core.RunReport;
import dev.ffe.core.WorkflowResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ffe report FILE}: turns a result JSON file into a self-contained HTML run report. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a self-contained HTML report (timeline, step tree, graph) of a result file.",
      "The page needs no network access to view."
    })
public final class ReportCommand extends BaseCommand {
  @Parameters(paramLabel = "FILE", description = "A result file, e.g. logs/workflow_x.json.")
  Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "HTML",
      description = "Where to write the report (default: FILE with .html instead of .json).")
  Path output;

  @Override
  protected int execute() {
    WorkflowResult result;
    try {
      result = WorkflowResult.readJson(file);
    } catch (RuntimeException e) {
      throw new UsageException(e.getMessage());
    }
    Path target = output != null ? output : defaultOutput(file);
    RunReport.write(result, target);
    if (json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("workflow_name", result.workflowName());
      doc.put("report", target.toString());
      printJson(doc);
    } else {
      out().println("report of '" + result.workflowName() + "' written to " + target);
      out().flush();
    }
    return OK;
  }

  private static Path defaultOutput(Path file) {
    String name = file.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return file.resolveSibling(base + ".html");
  }
}
