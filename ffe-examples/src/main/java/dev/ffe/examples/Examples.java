package dev.ffe.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The catalogue of runnable example workflows, by the name {@code ffe run --workflow NAME} takes.
 * Every example runs against embedded defaults: loopback servers, temporary directories, a local
 * git repository; no cloud account.
 *
 * <p>Thread-safe: the catalogue is immutable.
 */
public final class Examples {
  private record Entry(String description, Function<Path, Example> open) {}

  private static final Map<String, Entry> CATALOGUE = catalogue();

  private Examples() {}

  private static Map<String, Entry> catalogue() {
    Map<String, Entry> m = new LinkedHashMap<>();
    m.put("deployment", new Entry(DeploymentExample.DESCRIPTION, DeploymentExample::open));
    m.put("backup", new Entry(BackupExample.DESCRIPTION, BackupExample::open));
    m.put("monitoring", new Entry(MonitoringExample.DESCRIPTION, MonitoringExample::open));
    m.put("performance", new Entry(PerformanceExample.DESCRIPTION, PerformanceExample::open));
    m.put("release", new Entry(ReleaseExample.DESCRIPTION, ReleaseExample::open));
    m.put("dev-setup", new Entry(DevSetupExample.DESCRIPTION, DevSetupExample::open));
    return Map.copyOf(m);
  }

  /** Returns the example names in catalogue order. */
  public static List<String> names() {
    return List.of("deployment", "backup", "monitoring", "performance", "release", "dev-setup");
  }

  /**
   * Returns the one-line description of example {@code name}.
   *
   * @throws IllegalArgumentException listing the names when there is no such example
   */
  public static String description(String name) {
    return entry(name).description();
  }

  /**
   * Opens example {@code name} with its demo files under {@code workDir}; close it when done.
   *
   * @throws IllegalArgumentException listing the names when there is no such example
   */
  public static Example open(String name, Path workDir) {
    Objects.requireNonNull(workDir, "workDir == null");
    return entry(name).open().apply(workDir);
  }

  private static Entry entry(String name) {
    Objects.requireNonNull(name, "name == null");
    Entry e = CATALOGUE.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "no example workflow '" + name + "': use one of " + String.join(", ", names()));
    }
    return e;
  }
}
