package dev.ffe.examples.internal;

import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowListener;
import dev.ffe.core.WorkflowResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints one line per step start, retry, skip and finish on stderr. On a terminal the lines carry
 * colour and symbols; otherwise they are plain, stable text for CI logs.
 *
 * <p>Thread-safe: parallel steps report from several threads, so every write is synchronized.
 */
public final class ProgressListener implements WorkflowListener {
  private static final String GREEN = "\u001b[32m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";

  private final PrintWriter err;
  private final boolean terminal;
  private final long start = System.nanoTime();

  /** Creates a listener writing to {@code err}, with colour when {@code terminal}. */
  public ProgressListener(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  private synchronized void line(String colour, String symbol, String plainWord, String text) {
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (terminal) {
      err.printf(
          Locale.ROOT, "%s%7.2fs%s %s%s%s %s%n", DIM, elapsed, RESET, colour, symbol, RESET, text);
    } else {
      err.printf(Locale.ROOT, "[%7.3fs] %-8s %s%n", elapsed, plainWord, text);
    }
    err.flush();
  }

  @Override
  public void workflowStarted(String workflowName) {
    line("", "▶", "workflow", workflowName + " started");
  }

  @Override
  public void stepStarted(String workflowName, String path, int attempt) {
    if (path.isEmpty()) {
      return; // the root: workflowStarted said it
    }
    line(DIM, "→", "start", path + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
  }

  @Override
  public void stepRetrying(
      String workflowName, String path, int nextAttempt, Duration delay, Throwable failure) {
    line(
        YELLOW,
        "↻",
        "retry",
        path
            + " attempt "
            + nextAttempt
            + " in "
            + Durations.format(delay)
            + " after: "
            + failure.getMessage());
  }

  @Override
  public void stepSkipped(String workflowName, String path, String reason) {
    line(DIM, "–", "skipped", path + ": " + reason);
  }

  @Override
  public void stepFinished(String workflowName, StepResult result) {
    if (result.path().isEmpty()) {
      return; // the root: workflowFinished says it
    }
    String text =
        result.path()
            + " "
            + result.status().jsonName()
            + " in "
            + Durations.format(result.duration())
            + result.error().map(e -> ": " + e).orElse("");
    if (result.status() == StepStatus.COMPLETED) {
      line(GREEN, "✔", "done", text);
    } else if (result.status() == StepStatus.SKIPPED) {
      line(DIM, "–", "skipped", text);
    } else {
      line(RED, "✘", result.status().jsonName(), text);
    }
  }

  @Override
  public void workflowFinished(WorkflowResult result) {
    String text =
        result.workflowName()
            + " "
            + result.status().jsonName()
            + " in "
            + Durations.format(result.duration());
    line(result.success() ? GREEN : RED, "■", "workflow", text);
  }

  /** Formats durations for humans: 850ms, 1.25s, 2m05s. */
  static final class Durations {
    private Durations() {}

    static String format(Duration d) {
      long ms = d.toMillis();
      if (ms < 1000) {
        return ms + "ms";
      }
      if (ms < 60_000) {
        return String.format(Locale.ROOT, "%.2fs", ms / 1000.0);
      }
      return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }
  }
}
