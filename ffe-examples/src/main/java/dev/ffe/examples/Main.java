package dev.ffe.examples;

import dev.ffe.examples.internal.Cli;
import picocli.CommandLine;

/**
 * The {@code ffe} command-line runner: {@code ffe run --workflow deployment}, {@code ffe list},
 * {@code ffe validate FILE}, {@code ffe graph}, and module commands for CI scripts. See {@code
 * docs/CLI.md}.
 *
 * <p>Thread-safe: every call builds a fresh command line.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code (0 success, 1 failed, 2 bad usage). */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on stdout/stderr and returns the exit code instead of exiting. */
  public static int run(String... args) {
    // slf4j-simple reads its level once, when the first logger is made: set it before anything
    // logs.
    Cli.applyLogLevelFromArgs(args);
    return commandLine().execute(args);
  }

  /** Returns a fresh {@code ffe} command line; set its out/err writers to capture output. */
  public static CommandLine commandLine() {
    return Cli.create();
  }
}
