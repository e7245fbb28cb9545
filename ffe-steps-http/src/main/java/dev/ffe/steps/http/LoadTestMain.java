package dev.ffe.steps.http;

import dev.ffe.core.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain entry point for benchmark scripts: runs one load test against a URL and prints the JSON
 * report.
 *
 * <pre>
 * java -cp ... dev.ffe.steps.http.LoadTestMain URL [--users N --spawn-rate R | --rate R
 *     --connections C] [--duration 30s] [--warmup 5s] [--threads T] [--threshold p95&lt;500ms]...
 *     [--html report.html]
 * </pre>
 *
 * <p>Exits 0 when every threshold passed, 1 when one broke, 2 on bad arguments.
 *
 * <p>Thread-safe: stateless.
 */
public final class LoadTestMain {
  private LoadTestMain() {}

  /** Runs the load test the arguments describe. */
  public static void main(String[] args) throws InterruptedException {
    int code = run(args, System.out, System.err);
    System.exit(code);
  }

  /** Runs the load test and returns the exit code; prints the report to {@code out}. */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    LoadTest test;
    java.util.Optional<java.nio.file.Path> html;
    try {
      test = parse(args);
      html = htmlFile(args);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("error: " + e.getMessage());
      err.println(
          "usage: LoadTestMain URL [--users N --spawn-rate R | --rate R --connections C] [--duration 30s]"
              + " [--warmup 5s] [--threads T] [--threshold p95<500ms]... [--html FILE]");
      return 2;
    }
    LoadTestReport report = test.run();
    html.ifPresent(report::writeHtml);
    out.println(report.toJson());
    return report.passed() ? 0 : 1;
  }

  private static java.util.Optional<java.nio.file.Path> htmlFile(String[] args) {
    java.util.Optional<java.nio.file.Path> file = java.util.Optional.empty();
    for (int i = 1; i + 1 < args.length; i += 2) {
      if (args[i].equals("--html")) {
        file = java.util.Optional.of(java.nio.file.Path.of(args[i + 1]));
      }
    }
    return file;
  }

  static LoadTest parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no URL given");
    }
    java.net.URI uri = java.net.URI.create(args[0]);
    String base = uri.getScheme() + "://" + uri.getRawAuthority();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    LoadTest.Builder b = LoadTest.builder(base);
    Integer users = null;
    double spawnRate = 0;
    Double rate = null;
    Duration duration = Duration.ofSeconds(10);
    List<String> thresholds = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--users":
          users = Integer.parseInt(value);
          break;
        case "--spawn-rate":
          spawnRate = Double.parseDouble(value);
          break;
        case "--rate":
          rate = Double.parseDouble(value);
          break;
        case "--connections":
          b.connections(Integer.parseInt(value));
          break;
        case "--duration":
          duration = Durations.parse(value);
          break;
        case "--warmup":
          b.warmup(Durations.parse(value));
          break;
        case "--threads":
          b.threads(Integer.parseInt(value));
          break;
        case "--threshold":
          thresholds.add(value);
          break;
        case "--html":
          break;
        default:
          throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (rate != null) {
      b.openModel(rate);
    } else {
      int n = users == null ? 50 : users;
      b.closedModel(n, spawnRate > 0 ? spawnRate : n);
    }
    thresholds.forEach(b::threshold);
    return b.task(LoadTask.get("request", path)).duration(duration).build();
  }
}
