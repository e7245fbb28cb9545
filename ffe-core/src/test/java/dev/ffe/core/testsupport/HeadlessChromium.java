package dev.ffe.core.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's headless Chromium for the report tests of every module (shipped in ffe-core's test
 * jar): every run is bounded by a timeout, and all traffic goes to a dead proxy so nothing leaves
 * the machine even though Chromium contacts Google on its own.
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern CONSOLE_LINE = Pattern.compile(":CONSOLE[(:]|Uncaught");

  private final Path dir;

  private HeadlessChromium(Path dir) {
    this.dir = dir;
  }

  /** Skips the calling test class unless Chromium is installed, and works under {@code dir}. */
  public static HeadlessChromium requireInstalled(Path dir) {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM),
        "headless Chromium is not installed: apt-get install -y chromium");
    return new HeadlessChromium(dir);
  }

  /** True if Chromium is installed. */
  public static boolean installed() {
    return Files.isExecutable(CHROMIUM);
  }

  /** The outcome of one Chromium run. */
  public record Run(int exitCode, String stdout, String stderr) {
    /** Returns the console-message lines Chromium logged (errors, uncaught exceptions). */
    public List<String> consoleLines() {
      return stderr.lines().filter(l -> CONSOLE_LINE.matcher(l).find()).toList();
    }
  }

  /**
   * Runs Chromium with the standard headless flags plus {@code args}; a run that overruns the
   * timeout is killed with its children and fails with an {@link AssertionError}.
   */
  public Run run(String name, String... args) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(dir.resolve("profile-" + name));
    List<String> command = new ArrayList<>();
    command.add(CHROMIUM.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path stdout = dir.resolve(name + ".stdout");
    Path stderr = dir.resolve(name + ".stderr");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish within " + TIMEOUT + ": " + command);
    }
    return new Run(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** Returns the http(s) URLs that the page itself requested, from a Chromium net log. */
  public static List<String> pageRequests(Path netLog) throws IOException {
    JsonNode log = new ObjectMapper().readTree(netLog.toFile());
    int startJob =
        log.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB").asInt(-1);
    if (startJob < 0) {
      throw new AssertionError("net log lacks the event type URL_REQUEST_START_JOB: " + netLog);
    }
    List<String> urls = new ArrayList<>();
    for (JsonNode event : log.path("events")) {
      JsonNode params = event.path("params");
      String url = params.path("url").asText("");
      boolean browserItself = params.path("initiator").asText("").equals("not an origin");
      if (event.path("type").asInt() == startJob
          && !browserItself
          && (url.startsWith("http://") || url.startsWith("https://"))) {
        urls.add(url);
      }
    }
    return urls;
  }
}
