package dev.ffe.examples;

import dev.ffe.core.Command;
import dev.ffe.core.StepContext;
import dev.ffe.core.WorkflowStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's developer-setup check: runs {@code java -version}, {@code mvn -v} and {@code git
 * --version} in parallel, then reports the versions found (also when a tool is missing, so the
 * report says which).
 *
 * <p>Thread-safe; holds no resources that need closing.
 */
public final class DevSetupExample implements Example {
  /** The description {@code ffe list} shows. */
  public static final String DESCRIPTION =
      "checks java -version, mvn -v and git --version in parallel and reports the versions";

  private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+)");
  private static final List<String> TOOLS = List.of("java", "maven", "git");

  private final WorkflowStep workflow;

  private DevSetupExample(Path workDir) {
    Duration limit = Duration.ofMinutes(1);
    this.workflow =
        WorkflowStep.sequential(
            "dev-setup",
            WorkflowStep.parallel(
                "tools",
                Command.of("java", "-version").directory(workDir).timeout(limit).step("java"),
                Command.of("mvn", "-v", "-B").directory(workDir).timeout(limit).step("maven"),
                Command.of("git", "--version").directory(workDir).timeout(limit).step("git")),
            WorkflowStep.task("report", DevSetupExample::report).always());
  }

  /** Opens the example; commands run in {@code workDir}. */
  public static DevSetupExample open(Path workDir) {
    return new DevSetupExample(Objects.requireNonNull(workDir, "workDir == null"));
  }

  /** Returns the tool versions found, "missing" for a tool whose check failed. */
  private static Map<String, String> report(StepContext ctx) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String tool : TOOLS) {
      versions.put(
          tool,
          ctx.outputOf("tools/" + tool)
              .filter(Command.CommandResult.class::isInstance)
              .map(Command.CommandResult.class::cast)
              // java -version writes to stderr, the others to stdout
              .map(r -> firstVersion(r.stdout() + "\n" + r.stderr()))
              .orElse("missing"));
    }
    return versions;
  }

  /** Returns the first dotted version number in {@code text}, or "unknown". */
  static String firstVersion(String text) {
    Matcher m = VERSION.matcher(text);
    return m.find() ? m.group(1) : "unknown";
  }

  @Override
  public String name() {
    return "dev-setup";
  }

  @Override
  public String description() {
    return DESCRIPTION;
  }

  @Override
  public WorkflowStep workflow() {
    return workflow;
  }

  @Override
  public void close() {
    // nothing to stop
  }
}
