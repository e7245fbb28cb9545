package dev.ffe.examples.internal;

import dev.ffe.examples.WorkflowFileException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command shares ({@code --json}, {@code --log-level}) and the one place that
 * turns exceptions into exit codes: 2 for bad usage or configuration, 1 for work that ran and
 * failed.
 *
 * <p>Not thread-safe: picocli makes one instance per invocation.
 */
public abstract class BaseCommand implements Callable<Integer> {
  /** Exit code: the work ran and succeeded. */
  public static final int OK = 0;

  /** Exit code: the work ran and failed. */
  public static final int FAILED = 1;

  /** Exit code: bad usage or bad configuration; nothing ran. */
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description = "Print one machine-readable JSON document on stdout (logs go to stderr).")
  boolean json;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description =
          "Log level on stderr: error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).",
      defaultValue = "warn")
  void logLevel(String level) {
    Cli.applyLogLevel(level);
  }

  /** Does the command's work and returns its exit code. */
  protected abstract int execute() throws Exception;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (WorkflowFileException e) {
      Map<String, Object> where = new LinkedHashMap<>();
      where.put("file", e.file());
      where.put("line", e.line());
      where.put("column", e.column());
      // Bare FILE:LINE:COLUMN: message, the form editors and CI annotators parse.
      return fail(USAGE, e.getMessage(), Map.of("location", where), false);
    } catch (IllegalArgumentException | UsageException e) {
      return fail(USAGE, e.getMessage(), Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(FAILED, "interrupted", Map.of());
    } catch (Exception e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof IllegalArgumentException) {
        return fail(USAGE, cause.getMessage(), Map.of());
      }
      return fail(FAILED, cause.getClass().getSimpleName() + ": " + cause.getMessage(), Map.of());
    }
  }

  /** Returns stdout as picocli set it up (tests capture it). */
  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Returns stderr as picocli set it up (tests capture it). */
  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** True if {@code --json} was given. */
  protected boolean json() {
    return json;
  }

  /** Prints {@code document} as JSON on stdout. */
  protected void printJson(Object document) {
    out().println(Json.pretty(document));
    out().flush();
  }

  /**
   * Reports an error (as a JSON document with {@code error} and {@code exit_code} under {@code
   * --json}, otherwise as a line on stderr) and returns {@code code}.
   */
  protected int fail(int code, String message, Map<String, Object> extra) {
    return fail(code, message, extra, true);
  }

  private int fail(int code, String message, Map<String, Object> extra, boolean prefix) {
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("error", message);
      doc.put("exit_code", code);
      doc.putAll(extra);
      printJson(doc);
    }
    err().println(prefix ? "ffe " + spec.name() + ": " + message : message);
    err().flush();
    return code;
  }

  /** Signals bad usage that picocli's own checks cannot see; becomes exit code 2. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to change. */
    public UsageException(String message) {
      super(message);
    }
  }
}
