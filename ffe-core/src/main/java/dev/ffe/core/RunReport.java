package dev.ffe.core;

import dev.ffe.core.internal.report.ReportPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a {@link WorkflowResult} as one self-contained HTML page: a timeline of every attempt on
 * the workflow clock (retries, backoff delays, parallel branches, compensations), the workflow
 * graph, and the step tree with outputs and errors. The page has inline styles and inline SVG, no
 * script and no external resource, and its content security policy forbids both, so it opens
 * offline, from a CI artifact or an e-mail attachment. Every text from the result is escaped.
 *
 * <pre>{@code
 * WorkflowResult result = WorkflowExecutor.create().run(deployment).join();
 * RunReport.write(result, Path.of("logs/report.html"));
 * // or from a result file written earlier:
 * RunReport.write(WorkflowResult.readJson(jsonFile), Path.of("logs/report.html"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RunReport {
  private RunReport() {}

  /**
   * Renders the report. Group types in the graph (sequential or parallel) are inferred from the
   * children's timing; use {@link #html(WorkflowResult, WorkflowStep)} when the definition is at
   * hand.
   */
  public static String html(WorkflowResult result) {
    Objects.requireNonNull(result, "result == null");
    return ReportPage.render(result, Optional.empty());
  }

  /** Renders the report, taking the graph's group types from the workflow's {@code definition}. */
  public static String html(WorkflowResult result, WorkflowStep definition) {
    Objects.requireNonNull(result, "result == null");
    Objects.requireNonNull(definition, "definition == null");
    return ReportPage.render(result, Optional.of(definition));
  }

  /**
   * Writes the report to {@code file} atomically (temporary file, then rename), creating its
   * directory if needed, so a reader never sees half a report.
   *
   * @return {@code file}
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static Path write(WorkflowResult result, Path file) {
    Objects.requireNonNull(file, "file == null");
    return writeHtml(html(result), result, file);
  }

  /**
   * Writes the report like {@link #write(WorkflowResult, Path)}, taking the graph's group types
   * from {@code definition}.
   *
   * @return {@code file}
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static Path write(WorkflowResult result, WorkflowStep definition, Path file) {
    Objects.requireNonNull(file, "file == null");
    return writeHtml(html(result, definition), result, file);
  }

  private static Path writeHtml(String html, WorkflowResult result, Path file) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".report_", ".html.tmp");
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the run report of workflow '"
              + result.workflowName()
              + "' to "
              + file.toAbsolutePath()
              + ": "
              + e.getMessage()
              + " (check that the directory exists or can be created and is writable)",
          e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The report itself is in place or the write already failed; a stray temp file is all.
        }
      }
    }
  }
}
