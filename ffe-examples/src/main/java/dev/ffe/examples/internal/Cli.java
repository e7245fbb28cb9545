package dev.ffe.examples.internal;

import dev.ffe.core.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * Builds the {@code ffe} command line and keeps its process-wide settings (log level).
 *
 * <p>Thread-safe.
 */
public final class Cli {
  private static final Set<String> LEVELS =
      Set.of("error", "warn", "info", "debug", "trace", "off");

  private Cli() {}

  /** Returns a fresh command line for {@code ffe}. */
  public static CommandLine create() {
    CommandLine cl = new CommandLine(new FfeCommand());
    cl.setParameterExceptionHandler(Cli::usageError);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(Duration.class, Durations::parse);
    return cl;
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("ffe: " + e.getMessage());
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    if (Arrays.asList(args).contains("--json")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("error", e.getMessage());
      doc.put("exit_code", BaseCommand.USAGE);
      cl.getOut().println(Json.pretty(doc));
      cl.getOut().flush();
    }
    return BaseCommand.USAGE;
  }

  /**
   * Sets slf4j-simple's log level. It only takes effect for loggers not yet created, which is why
   * {@code Main} applies it before anything logs.
   *
   * @throws CommandLine.TypeConversionException when the level is unknown
   */
  public static void applyLogLevel(String level) {
    String l = level.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(l)) {
      throw new CommandLine.TypeConversionException(
          "'" + level + "' is not a log level: use error, warn, info, debug, trace or off");
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", l);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }

  /** Applies {@code --log-level X} or {@code --log-level=X} from raw args before logging starts. */
  public static void applyLogLevelFromArgs(String[] args) {
    String level = "warn";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--log-level") && i + 1 < args.length) {
        level = args[i + 1];
      } else if (args[i].startsWith("--log-level=")) {
        level = args[i].substring("--log-level=".length());
      }
    }
    try {
      applyLogLevel(level);
    } catch (CommandLine.TypeConversionException e) {
      applyLogLevel("warn"); // picocli reports the bad value with the usage hint
    }
  }
}
