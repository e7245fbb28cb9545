package dev.ffe.examples.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ffe.core.RunOptions;
import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ffe run}: runs an example or a workflow file and writes the result JSON to the logs. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a built-in example workflow or a workflow file.",
      "Progress goes to stderr; the result tree (or JSON with --json) to stdout;",
      "the result is written to LOGS/workflow_{name}_{timestamp}.json."
    })
public final class RunCommand extends BaseCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  WorkflowSource source;

  @Option(
      names = "--logs",
      paramLabel = "DIR",
      defaultValue = "logs",
      description = "Directory for the result JSON (default: ${DEFAULT-VALUE}).")
  Path logs;

  @Option(names = "--dry-run", description = "Print the plan (WorkflowStep.plan()) and stop.")
  boolean dryRun;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the retry-jitter random source, for reproducible runs.")
  Long seed;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      description = "Deadline for the whole run, like 30s or 10m.")
  Duration deadline;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Keep an example's demo files (data, backups, repository) here instead of a"
              + " temporary directory that is deleted afterwards.")
  Path workDir;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description =
          "Rewrite the result to FILE atomically as each step ends, so a killed run can be"
              + " resumed with --resume FILE.")
  Path journal;

  @Option(
      names = "--resume",
      paramLabel = "FILE",
      description =
          "Resume from a journal or result file: completed steps are restored, failed and"
              + " unfinished ones run again.")
  Path resume;

  @Override
  protected int execute() throws Exception {
    try (WorkflowSource.Opened opened = source.open(workDir)) {
      if (dryRun) {
        return printPlan(opened);
      }
      WorkflowExecutor.Builder builder =
          WorkflowExecutor.builder()
              .listener(new ProgressListener(err(), System.console() != null));
      if (seed != null) {
        builder.seed(seed);
      }
      RunOptions options =
          deadline == null ? RunOptions.defaults() : RunOptions.defaults().deadline(deadline);
      if (journal != null) {
        options = options.journal(journal);
      }
      WorkflowExecutor executor = builder.build();
      WorkflowRun run;
      if (resume != null) {
        WorkflowResult previous;
        try {
          previous = WorkflowResult.readJson(resume);
        } catch (RuntimeException e) {
          throw new UsageException("cannot resume: " + e.getMessage());
        }
        try {
          run = executor.resume(opened.root, previous, options);
        } catch (IllegalArgumentException e) {
          throw new UsageException(resume + ": " + e.getMessage());
        }
      } else {
        run = executor.start(opened.root, options);
      }
      if (System.console() != null) {
        ApprovalPrompt.attach(opened.root, run, err());
      }

      WorkflowResult result = awaitCancellingOnExit(run);
      Path file = result.writeJson(logs);
      if (json()) {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(result.toJson());
        doc.put("log_file", file.toString());
        printJson(doc);
      } else {
        out().print(result.tree());
        out()
            .println(
                result.workflowName()
                    + " "
                    + result.status().jsonName()
                    + "; result written to "
                    + file);
        out().flush();
      }
      return result.success() ? OK : FAILED;
    }
  }

  private int printPlan(WorkflowSource.Opened opened) {
    String plan = opened.root.plan();
    if (json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("workflow", opened.root.name());
      doc.put("dry_run", true);
      doc.put("steps", opened.root.size());
      doc.put("plan", plan);
      printJson(doc);
    } else {
      out().print(plan);
      out().flush();
    }
    return OK;
  }

  /** Cancels the run on Ctrl-C so always-run steps and compensations still get their turn. */
  private static WorkflowResult awaitCancellingOnExit(WorkflowRun run) {
    CountDownLatch written = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              run.cancel();
              try {
                run.result().get(10, TimeUnit.SECONDS);
                written.await(5, TimeUnit.SECONDS);
              } catch (Exception e) {
                // shutting down anyway
              }
            },
            "ffe-cancel-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run.result().join();
    } finally {
      written.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running
      }
    }
  }
}
