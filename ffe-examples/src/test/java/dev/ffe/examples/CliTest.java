package dev.ffe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** What one invocation printed and returned. */
  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run ffe(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void runDeploymentSucceedsPrintsJsonAndWritesTheResultFile() throws Exception {
    Path logs = dir.resolve("logs");
    Run run = ffe("run", "--workflow", "deployment", "--json", "--logs", logs.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode doc = run.json();
    assertThat(doc.get("workflow_name").asText()).isEqualTo("deployment");
    assertThat(doc.get("success").asBoolean()).isTrue();
    assertThat(Path.of(doc.get("log_file").asText())).exists().startsWith(logs);
    assertThat(run.err()).contains("done     pre-deployment/backup completed");
  }

  @Test
  void runOfAFailingWorkflowFileExitsOneAndStillWritesTheResult() throws Exception {
    Path wf =
        file("fail.yaml", "name: failing\naction: {type: command, argv: [sh, -c, 'exit 4']}\n");
    Path logs = dir.resolve("logs");

    Run run = ffe("run", "--config", wf.toString(), "--logs", logs.toString(), "--seed", "7");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("failing failed; result written to");
    try (var files = Files.list(logs)) {
      assertThat(files.toList()).singleElement().asString().contains("workflow_failing_");
    }
  }

  @Test
  void aFailedRunResumesFromItsJournalWithoutRepeatingCompletedSteps() throws Exception {
    Path marker = dir.resolve("ran.txt");
    Path flag = dir.resolve("fixed");
    Path wf =
        file(
            "resumable.yaml",
            "name: resumable\n"
                + "steps:\n"
                + "  - name: slow-backup\n"
                + "    action: {type: command, argv: [sh, -c, 'echo backup >> "
                + marker
                + "']}\n"
                + "  - name: deploy\n"
                + "    action: {type: command, argv: [sh, -c, 'test -f "
                + flag
                + "']}\n");
    Path journal = dir.resolve("journal.json");
    Path logs = dir.resolve("logs");

    Run first =
        ffe(
            "run",
            "--config",
            wf.toString(),
            "--journal",
            journal.toString(),
            "--logs",
            logs.toString());
    assertThat(first.exit()).isEqualTo(1);
    Files.writeString(flag, "");
    Run second =
        ffe(
            "run",
            "--config",
            wf.toString(),
            "--resume",
            journal.toString(),
            "--logs",
            logs.toString(),
            "--json");

    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(Files.readAllLines(marker)).containsExactly("backup");
    assertThat(second.json().get("steps").get(0).get("role").asText()).isEqualTo("restored");

    Path other = file("other.yaml", "name: other\naction: {type: command, argv: [true]}\n");
    Run mismatch = ffe("run", "--config", other.toString(), "--resume", journal.toString());
    assertThat(mismatch.exit()).isEqualTo(2);
    assertThat(mismatch.err()).contains("the journal is from workflow 'resumable'");
  }

  @Test
  void reportTurnsAResultFileIntoAnHtmlPage() throws Exception {
    Path logs = dir.resolve("logs");
    Path wf = file("ok.yaml", "name: ok\naction: {type: command, argv: [sh, -c, 'echo hi']}\n");
    assertThat(ffe("run", "--config", wf.toString(), "--logs", logs.toString()).exit()).isZero();
    Path result;
    try (var files = Files.list(logs)) {
      result = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
    Run report = ffe("report", result.toString());
    assertThat(report.exit()).as(report.err()).isZero();
    Path html = result.resolveSibling(result.getFileName().toString().replace(".json", ".html"));
    assertThat(Files.readString(html)).contains("<svg").contains("ok");

    Run broken = ffe("report", file("broken.json", "{\"workflow_name\": ").toString());
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.err()).contains("broken.json");
  }

  @Test
  void dryRunPrintsThePlanWithoutRunning() throws Exception {

    Run text = ffe("run", "--config", "../workflows/custom.yaml", "--dry-run");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).startsWith("custom [SEQUENTIAL]").contains("compensate: undeploy");

    Run json = ffe("run", "--workflow", "release", "--dry-run", "--json");
    assertThat(json.exit()).isZero();
    assertThat(json.json().get("plan").asText()).contains("analyze [task");
  }

  @Test
  void badUsageExitsTwo() throws Exception {
    assertThat(ffe("run").exit()).isEqualTo(2);
    assertThat(ffe("run", "--workflow", "a", "--config", "b.yaml").exit()).isEqualTo(2);
    assertThat(ffe("frobnicate").exit()).isEqualTo(2);
    assertThat(ffe().exit()).isEqualTo(2);
    assertThat(ffe("run", "--workflow", "deployment", "--deadline", "soon").exit()).isEqualTo(2);
    assertThat(ffe("list", "--log-level", "loud").exit()).isEqualTo(2);

    Run unknown = ffe("run", "--workflow", "nope", "--json");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.json().get("error").asText()).contains("deployment");

    Run usage = ffe("run", "--bogus", "--json");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.json().get("exit_code").asInt()).isEqualTo(2);
  }

  @Test
  void validateReportsFileLineColumn() throws Exception {
    Path bad = file("bad.yaml", "name: w\nsteps:\n  - name: a\n    action: {type: comand}\n");

    Run text = ffe("validate", bad.toString());
    assertThat(text.exit()).isEqualTo(2);
    assertThat(text.err()).startsWith(bad + ":4:20: unknown action type 'comand'");

    Run json = ffe("validate", bad.toString(), "--json");
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.json().get("location").get("line").asInt()).isEqualTo(4);
    assertThat(json.json().get("location").get("column").asInt()).isEqualTo(20);

    Run ok = ffe("validate", "../workflows/custom.yaml", "--json");
    assertThat(ok.exit()).isZero();
    assertThat(ok.json().get("valid").asBoolean()).isTrue();
    assertThat(ffe("validate", "../workflows/custom.yaml").out()).contains("ok");
  }

  @Test
  void listShowsExamplesAndActionTypes() throws Exception {
    Run json = ffe("list", "--json");
    assertThat(json.exit()).isZero();
    assertThat(json.json().get("workflows").findValuesAsText("name"))
        .containsExactlyElementsOf(Examples.names());
    assertThat(json.json().get("action_types").toString()).contains("command", "git.tag");

    Run text = ffe("list");
    assertThat(text.out()).contains("deployment").contains("backup.full");
  }

  @Test
  void graphDrawsAMermaidFlowchart() throws Exception {
    Run text = ffe("graph", "--workflow", "deployment");
    assertThat(text.exit()).isZero();
    assertThat(text.out())
        .startsWith("flowchart TD")
        .contains("subgraph")
        .contains("-. compensate .->")
        .contains("start -->");

    Run json = ffe("graph", "--config", "../workflows/custom.yaml", "--json");
    assertThat(json.json().get("mermaid").asText()).contains("always");
  }

  @Test
  void versionAndHelpExitZero() {
    assertThat(ffe("--version").out()).startsWith("ffe ");
    assertThat(ffe("run", "--help").out()).contains("--workflow");
  }
}
