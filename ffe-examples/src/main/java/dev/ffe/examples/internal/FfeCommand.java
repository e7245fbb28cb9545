package dev.ffe.examples.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ffe} command; prints usage when no subcommand is given. */
@Command(
    name = "ffe",
    mixinStandardHelpOptions = true,
    versionProvider = FfeCommand.Version.class,
    description =
        "Runs FFE operations workflows: built-in examples, workflow files, module checks.",
    subcommands = {
      RunCommand.class,
      ListCommand.class,
      ValidateCommand.class,
      GraphCommand.class,
      ReportCommand.class,
      BackupCommands.class,
      HttpCommands.Health.class,
      HttpCommands.Perf.class,
      HttpCommands.Load.class,
      ReleaseCommands.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 the work ran and failed, 2 bad usage or configuration.",
      "First run: ffe run --workflow deployment"
    })
public final class FfeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("ffe: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return BaseCommand.USAGE;
  }

  /** Reports the jar's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = FfeCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ffe " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
