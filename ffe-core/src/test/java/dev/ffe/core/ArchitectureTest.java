package dev.ffe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Layering is tested, not hoped for: ffe-core sees no step module, protocol library or heavy
 * framework, and no step module reaches into another module or another module's internals.
 */
class ArchitectureTest {
  private static final Path REACTOR = Path.of("..").toAbsolutePath().normalize();

  private static List<String> violations(Path sources, List<String> forbiddenPrefixes) {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(sources)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.startsWith("import ")) {
            continue;
          }
          String imported = line.substring(line.startsWith("import static ") ? 14 : 7);
          for (String prefix : forbiddenPrefixes) {
            if (imported.startsWith(prefix)) {
              out.add(REACTOR.relativize(file) + ": " + line);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void coreDependsOnNoStepModuleProtocolLibraryOrFramework() {
    assertThat(
            violations(
                REACTOR.resolve("ffe-core/src/main/java"),
                List.of(
                    "dev.ffe.steps",
                    "dev.ffe.examples",
                    "software.amazon",
                    "org.eclipse.jgit",
                    "io.netty",
                    "org.HdrHistogram",
                    "org.springframework",
                    "com.google.common",
                    "picocli")))
        .isEmpty();
  }

  @Test
  void stepModulesDoNotReachIntoEachOtherOrIntoCoreInternals() {
    List<String> modules = List.of("aws", "http", "git");
    List<String> found = new ArrayList<>();
    for (String module : modules) {
      List<String> forbidden =
          new ArrayList<>(List.of("dev.ffe.core.internal", "dev.ffe.examples"));
      for (String other : modules) {
        if (!other.equals(module)) {
          forbidden.add("dev.ffe.steps." + other);
        }
      }
      found.addAll(
          violations(REACTOR.resolve("ffe-steps-" + module + "/src/main/java"), forbidden));
    }
    assertThat(found).isEmpty();
  }

  @Test
  void publicApiDoesNotExposeInternalTypes() {
    assertThat(
            violations(
                REACTOR.resolve("ffe-core/src/main/java/dev/ffe/core/testing"),
                List.of("dev.ffe.core.internal")))
        .isEmpty();
  }
}
