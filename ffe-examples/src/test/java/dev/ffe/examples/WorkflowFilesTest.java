package dev.ffe.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.Backoff;
import dev.ffe.core.Command;
import dev.ffe.core.ErrorAction;
import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowFilesTest {
  private static final Path CUSTOM = Path.of("../workflows/custom.yaml");
  private final WorkflowFiles files =
      WorkflowFiles.builder().environment(Map.of("USER", "tester", "TOKEN", "s3cret")).build();

  @TempDir Path dir;

  private WorkflowFileException error(String name, String text) {
    return (WorkflowFileException)
        org.assertj.core.api.Assertions.catchThrowable(() -> files.parse(name, text));
  }

  @Test
  void loadedFileHasTheSamePlanAsTheEquivalentDsl() {
    WorkflowStep dsl =
        WorkflowStep.sequential(
            "custom",
            WorkflowStep.parallel(
                "prepare",
                Command.of("sh", "-c", "df -h . | tail -n 1")
                    .step("disk-space")
                    .timeout(Duration.ofSeconds(10)),
                Command.of("sh", "-c", "echo \"hello from $WHO\"")
                    .step("greet")
                    .retries(2)
                    .backoff(
                        Backoff.exponential(Duration.ofMillis(200), 2, Duration.ofSeconds(2))
                            .withJitter(0.1))),
            Command.of("sh", "-c", "echo deploying")
                .step("deploy")
                .compensateWith(Command.of("sh", "-c", "echo rolling back").step("undeploy")),
            Command.of("sh", "-c", "exit 3").step("optional-report").onError(ErrorAction.CONTINUE),
            Command.of("sh", "-c", "echo done").step("notify").always());

    WorkflowStep loaded = files.load(CUSTOM);

    assertThat(loaded.plan()).isEqualTo(dsl.plan());
  }

  @Test
  void loadedFileRunsWithCompensationsContinueAndAlways() {
    WorkflowResult result = WorkflowExecutor.create().run(files.load(CUSTOM)).join();

    assertThat(result.success()).as(result.tree()).isTrue();
    assertThat(result.requireStep("prepare/greet").output().orElseThrow().toString())
        .contains("hello from tester");
  }

  @Test
  void jsonFilesBuildTheSameTreeAsYaml() {
    String yaml = "name: w\nsteps:\n  - name: a\n    action: {type: command, argv: [echo, hi]}\n";
    String json =
        "{\"name\":\"w\",\"steps\":[{\"name\":\"a\",\"action\":"
            + "{\"type\":\"command\",\"argv\":[\"echo\",\"hi\"]}}]}";

    assertThat(files.parse("w.json", json).plan()).isEqualTo(files.parse("w.yaml", yaml).plan());
  }

  @Test
  void everyShippedWorkflowFileIsValid() throws Exception {
    try (var list = Files.list(Path.of("../workflows"))) {
      for (Path p : list.toList()) {
        assertThat(WorkflowFiles.create().load(p).name()).as(p.toString()).isNotBlank();
      }
    }
  }

  @Test
  void environmentVariablesAreSubstitutedWithDefaultsAndEscapes() {
    WorkflowStep step =
        files.parse(
            "env.yaml",
            "name: w\naction: {type: command, argv: [echo, '${USER}', '${NOPE:-x}', '$${USER}']}\n");
    WorkflowResult result = WorkflowExecutor.create().run(step).join();

    assertThat(((Command.CommandResult) result.root().output().orElseThrow()).stdout())
        .isEqualTo("tester x ${USER}\n");
  }

  @Test
  void unknownFieldNamesFileLineColumnAndTheAcceptedFields() {
    WorkflowFileException e =
        error(
            "bad.yaml",
            "name: w\nsteps:\n  - name: a\n    retires: 2\n    action: {type: command, argv: [x]}\n");

    assertThat(e.getMessage()).startsWith("bad.yaml:4:5: unknown field 'retires'");
    assertThat(e.problem()).contains("did you mean 'retries'?").contains("accepted: name,");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(5);
  }

  @Test
  void unknownActionTypeListsTheAcceptedTypes() {
    WorkflowFileException e = error("bad.yaml", "name: w\naction:\n  type: git.analyse\n");

    assertThat(e.getMessage())
        .startsWith("bad.yaml:3:9: unknown action type 'git.analyse'")
        .contains("did you mean 'git.analyze'?")
        .contains("command")
        .contains("backup.full");
  }

  @Test
  void wrongValueTypesNameTheFieldAndTheExpectedKind() {
    assertThat(error("a.yaml", "name: w\nretries: three\naction: {type: command, argv: [x]}\n"))
        .hasMessageStartingWith("a.yaml:2:10: 'retries' of step 'w' should be a whole number");
    assertThat(error("a.yaml", "name: w\ntimeout: soon\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("a.yaml:2:10:")
        .hasMessageContaining("duration like 500ms, 10s, 2m");
    assertThat(error("a.yaml", "name: w\non_error: ignore\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("should be one of fail, continue, retry");
    assertThat(
            error(
                "a.yaml",
                "name: w\ntype: diagonal\nsteps: [{name: a, action: {type: command, argv: [x]}}]\n"))
        .hasMessageContaining("should be one of sequential, parallel");
    assertThat(error("a.yaml", "name: w\ntrigger: sometimes\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("all_success, always, on_failure");
    assertThat(
            error(
                "a.yaml",
                "name: w\nbackoff: {base: 1s, factr: 2}\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("a.yaml:2:21: unknown field 'factr'");
    assertThat(
            error(
                "a.yaml",
                "name: w\nbackoff: {base: 2s, cap: 1s}\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("below its base");
    assertThat(error("a.yaml", "name: w\nbackoff: fast\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("should be a map");
    assertThat(
            error(
                "a.yaml", "name: w\nbackoff: {factor: fast}\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("should be a number");
  }

  @Test
  void providerParameterErrorsPointAtTheParameter() {
    assertThat(error("p.yaml", "name: w\naction:\n  type: command\n  argv: [x]\n  timout: 5s\n"))
        .hasMessageStartingWith("p.yaml:5:3:")
        .hasMessageContaining("timout");
    assertThat(
            error("p.yaml", "name: w\naction:\n  type: command\n  argv: [x]\n  timeout: later\n"))
        .hasMessageStartingWith("p.yaml:5:12:");
    assertThat(error("p.yaml", "name: w\naction: {type: command}\n"))
        .hasMessageContaining("'argv' is missing");
    assertThat(
            error(
                "p.yaml", "name: w\naction: {type: command, argv: [x], success-exit-codes: [a]}\n"))
        .hasMessageContaining("success-exit-codes");
  }

  @Test
  void structuralMistakesAreReportedWithLocations() {
    assertThat(error("s.yaml", "steps: []\n")).hasMessageContaining("has no 'name'");
    assertThat(error("s.yaml", "name: w\n")).hasMessageContaining("neither 'action' nor 'steps'");
    assertThat(error("s.yaml", "name: w\nsteps: []\n")).hasMessageContaining("non-empty list");
    assertThat(error("s.yaml", "name: w\ntype: parallel\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("remove 'type'");
    assertThat(
            error(
                "s.yaml",
                "name: w\naction: {type: command, argv: [x]}\nsteps: [{name: a, action: {type: command, argv: [x]}}]\n"))
        .hasMessageContaining("both 'action' and 'steps'");
    assertThat(
            error(
                "s.yaml",
                "name: w\nsteps:\n  - {name: a, action: {type: command, argv: [x]}}\n  - {name: a, action: {type: command, argv: [y]}}\n"))
        .hasMessageStartingWith("s.yaml:4:5: step name 'a' is used twice");
    assertThat(error("s.yaml", "name: w\nname: v\n")).hasMessageContaining("duplicate key 'name'");
    assertThat(error("s.yaml", "- a\n- b\n")).hasMessageContaining("should be a map");
    assertThat(error("s.yaml", "")).hasMessageContaining("empty");
    assertThat(error("s.yaml", "name: a/b\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("contains '/'");
    assertThat(error("s.yaml", "name: w\naction: [command]\n"))
        .hasMessageContaining("should be a map");
    assertThat(error("s.yaml", "name: w\naction: {argv: [x]}\n")).hasMessageContaining("no 'type'");
    assertThat(error("s.yaml", "name: 5\naction: {type: command, argv: [x]}\n"))
        .hasMessageContaining("non-empty text");
  }

  @Test
  void syntaxErrorsAndUnsetVariablesCarryLocations() {
    WorkflowFileException syntax = error("x.yaml", "name: w\nsteps: [\n  - a\n");
    assertThat(syntax.line()).isPositive();
    assertThat(syntax.problem()).startsWith("syntax error");

    assertThat(error("x.json", "{\"name\": \"w\",}")).hasMessageStartingWith("x.json:1:");
    assertThat(error("x.yaml", "name: w\naction: {type: command, argv: ['${MISSING}']}\n"))
        .hasMessageStartingWith("x.yaml:2:")
        .hasMessageContaining("MISSING is not set");
    assertThat(error("x.yaml", "name: w\naction: {type: command, argv: ['${9x}']}\n"))
        .hasMessageContaining("not a variable name");
    assertThat(error("x.yaml", "name: w\naction: {type: command, argv: ['${OPEN']}\n"))
        .hasMessageContaining("unclosed");
    assertThat(error("x.yaml", "name: w\naction: {type: command, argv: [x]}\n---\nname: v\n"))
        .hasMessageContaining("more than one document");
  }

  @Test
  void unreadableFilesAreReportedAsFileErrors() {
    assertThatThrownBy(() -> files.load(dir.resolve("missing.yaml")))
        .isInstanceOf(WorkflowFileException.class)
        .hasMessageContaining("missing.yaml:0:0: cannot read the file");
  }

  @Test
  void loaderListsItsActionTypes() {
    assertThat(files.actionTypes()).contains("command", "git.analyze", "backup.full");
    assertThat(files.actionTypeProviders()).containsKey("command");
    assertThat(WorkflowFiles.builder().withoutClassPathProviders().build().actionTypes())
        .containsExactly("command");
  }
}
