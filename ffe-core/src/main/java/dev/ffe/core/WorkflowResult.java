package dev.ffe.core;

import dev.ffe.core.internal.ResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a workflow run: the root step's result plus the workflow-level summary that the
 * result JSON starts with ({@code workflow_name}, {@code success}, {@code duration}).
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkflowResult {
  private final StepResult root;

  /** Wraps the root step's result. */
  public WorkflowResult(StepResult root) {
    this.root = Objects.requireNonNull(root, "root == null");
  }

  /** Returns the workflow's name (its root step's name). */
  public String workflowName() {
    return root.name();
  }

  /** True if the workflow completed: every step completed, was skipped, or failed with CONTINUE. */
  public boolean success() {
    return root.status() == StepStatus.COMPLETED;
  }

  /** Returns the workflow's status: completed, failed, cancelled or timed_out. */
  public StepStatus status() {
    return root.status();
  }

  /** Returns the failure message, if the workflow did not succeed. */
  public Optional<String> error() {
    return root.error();
  }

  /** Returns when the run started on the workflow clock. */
  public Instant startedAt() {
    return root.startedAt().orElseThrow();
  }

  /** Returns when the run ended on the workflow clock (its start, for a run still going). */
  public Instant finishedAt() {
    return root.finishedAt().orElse(startedAt());
  }

  /** Returns how long the run took on the workflow clock. */
  public Duration duration() {
    return root.duration();
  }

  /** Returns the root step's result. */
  public StepResult root() {
    return root;
  }

  /** Returns the results of the root's children, in declaration order. */
  public List<StepResult> steps() {
    return root.steps();
  }

  /** Finds a step by path below the root, e.g. {@code pre-deployment/backup}. */
  public Optional<StepResult> step(String path) {
    return root.find(path);
  }

  /**
   * Returns the step at {@code path}.
   *
   * @throws IllegalArgumentException naming the path and listing the tree when there is no such
   *     step
   */
  public StepResult requireStep(String path) {
    return step(path)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no step '" + path + "' in workflow '" + workflowName() + "':\n" + tree()));
  }

  /** Returns the result tree as indented text. */
  public String tree() {
    return root.tree();
  }

  /** Returns the result as JSON in the seed's shape, pretty-printed. */
  public String toJson() {
    return ResultJson.write(this);
  }

  /**
   * Writes the JSON atomically (temporary file, then rename) to {@code
   * dir/workflow_{name}_{timestamp}.json}, creating {@code dir} if needed. The timestamp is the
   * run's start on the workflow clock, in UTC, like {@code 20250129T020000Z}; a suffix keeps two
   * runs in the same second apart.
   *
   * @return the file written
   * @throws UncheckedIOException naming the directory when it cannot be written
   */
  public Path writeJson(Path dir) {
    Objects.requireNonNull(dir, "dir == null");
    try {
      return ResultJson.writeFile(this, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the result of workflow '"
              + workflowName()
              + "' to "
              + dir.toAbsolutePath()
              + ": "
              + e.getMessage()
              + " (check that the directory is writable)",
          e);
    }
  }

  /** Reads a result written by {@link #toJson()} or {@link #writeJson(Path)}. */
  public static WorkflowResult fromJson(String json) {
    return ResultJson.read(json);
  }

  /**
   * Reads a result file.
   *
   * @throws UncheckedIOException naming the file when it cannot be read
   * @throws IllegalArgumentException naming the file when it is not a result
   */
  public static WorkflowResult readJson(Path file) {
    return ResultJson.readFile(file);
  }

  @Override
  public String toString() {
    return "WorkflowResult[" + workflowName() + " " + status().jsonName() + "]";
  }
}
