package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command step against real processes (/bin/sh). */
class CommandTest {

  @Test
  void capturesOutputAndExitCodeInTheWorkingDirectoryWithEnvironment(@TempDir Path dir)
      throws Exception {
    Command.CommandResult r =
        Command.of("sh", "-c", "echo \"$GREETING from $(basename \"$PWD\")\"; echo warn >&2")
            .directory(dir)
            .env("GREETING", "hello")
            .run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("hello from " + dir.getFileName() + "\n");
    assertThat(r.stderr()).isEqualTo("warn\n");
    assertThat(r.truncated()).isFalse();
  }

  @Test
  void unexpectedExitCodeFailsWithTheCommandAndTheTailOfStderr() {
    assertThatThrownBy(() -> Command.of("sh", "-c", "echo bad input >&2; exit 3").run())
        .isInstanceOf(Command.CommandFailedException.class)
        .hasMessageContaining("sh -c")
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("stderr: bad input")
        .satisfies(e -> assertThat(((Command.CommandFailedException) e).exitCode()).isEqualTo(3));
  }

  @Test
  void successExitCodesAreConfigurable() throws Exception {
    assertThat(Command.of("sh", "-c", "exit 2").successExitCodes(0, 2).run().exitCode())
        .isEqualTo(2);
  }

  @Test
  void outputBeyondTheCapKeepsTheTail() throws Exception {
    Command.CommandResult r =
        Command.of("sh", "-c", "i=0; while [ $i -lt 1000 ]; do echo line$i; i=$((i+1)); done")
            .outputLimit(16)
            .run();
    assertThat(r.truncated()).isTrue();
    assertThat(r.stdout()).hasSize(16).endsWith("line999\n");
  }

  @Test
  void timeoutKillsTheWholeProcessTree(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("child.pid");
    assertThatThrownBy(
            () ->
                Command.of("sh", "-c", "sleep 600 & echo $! > " + pidFile + "; wait")
                    .timeout(Duration.ofMillis(500))
                    .run())
        .isInstanceOf(Command.CommandFailedException.class)
        .hasMessageContaining("timed out");
    long child = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(child)
        .ifPresent(
            h -> {
              try {
                h.onExit().get(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new AssertionError("child " + child + " survived the timeout", e);
              }
            });
  }

  @Test
  void missingProgramNamesItAndSaysWhatToCheck() {
    assertThatThrownBy(() -> Command.of("/no/such/program").run())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot start /no/such/program")
        .hasMessageContaining("executable");
    assertThatThrownBy(() -> Command.of()).hasMessageContaining("needs a program");
  }

  @Test
  void secretEnvironmentValuesNeverAppearInTheResultOrErrors() throws Exception {
    Secret token = Secret.of("s3cr3t-token");
    WorkflowResult result =
        WorkflowExecutor.create()
            .run(
                WorkflowStep.sequential(
                    "wf",
                    Command.of("sh", "-c", "test -n \"$TOKEN\"; exit 4")
                        .env("TOKEN", token)
                        .step("use-token")))
            .get(30, TimeUnit.SECONDS);
    assertThat(result.requireStep("use-token").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.toJson()).doesNotContain("s3cr3t-token").contains("exited with 4");
    assertThat(token.toString()).isEqualTo("****");
    assertThat(token.redact("Bearer s3cr3t-token")).isEqualTo("Bearer ****");
  }

  @Test
  void commandStepOutputIsItsResultInTheJson() throws Exception {
    WorkflowResult result =
        WorkflowExecutor.create()
            .run(WorkflowStep.sequential("wf", Command.of("echo", "deployed").step("deploy")))
            .get(30, TimeUnit.SECONDS);
    assertThat(result.toJson())
        .contains("\"exit_code\" : 0")
        .contains("\"stdout\" : \"deployed\\n\"");
  }
}
