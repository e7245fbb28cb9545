package dev.ffe.examples.internal;

import dev.ffe.core.WorkflowStep;
import dev.ffe.examples.Example;
import dev.ffe.examples.Examples;
import dev.ffe.examples.WorkflowFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * Where a command's workflow comes from: a built-in example ({@code --workflow NAME}) or a workflow
 * file ({@code --config FILE}). Picocli fills exactly one of the two.
 */
public final class WorkflowSource {
  @Option(
      names = {"--workflow", "-w"},
      paramLabel = "NAME",
      description = "A built-in example workflow (see 'ffe list').")
  String workflow;

  @Option(
      names = {"--config", "-c"},
      paramLabel = "FILE",
      description = "A workflow file in YAML (.yaml, .yml) or JSON (.json).")
  Path config;

  /**
   * Opens the workflow. Examples get {@code workDir}, or a temporary directory that closing
   * deletes.
   *
   * @throws IllegalArgumentException for an unknown example name
   * @throws dev.ffe.examples.WorkflowFileException for a broken file
   */
  Opened open(Path workDir) throws IOException {
    if (config != null) {
      return new Opened(WorkflowFiles.create().load(config), null, null);
    }
    if (!Examples.names().contains(workflow)) {
      throw new IllegalArgumentException(
          "no example workflow '"
              + workflow
              + "': use one of "
              + String.join(", ", Examples.names())
              + " (or --config FILE)");
    }
    Path temp = null;
    Path dir = workDir;
    if (dir == null) {
      temp = Files.createTempDirectory("ffe-" + workflow + "-");
      dir = temp;
    } else {
      Files.createDirectories(dir);
    }
    try {
      Example example = Examples.open(workflow, dir);
      return new Opened(example.workflow(), example, temp);
    } catch (RuntimeException e) {
      deleteTree(temp);
      throw e;
    }
  }

  /** An opened workflow and what closing it releases. */
  static final class Opened implements AutoCloseable {
    final WorkflowStep root;
    private final Example example;
    private final Path temp;

    Opened(WorkflowStep root, Example example, Path temp) {
      this.root = root;
      this.example = example;
      this.temp = temp;
    }

    @Override
    public void close() {
      if (example != null) {
        example.close();
      }
      deleteTree(temp);
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the temporary directory " + dir, e);
    }
  }
}
