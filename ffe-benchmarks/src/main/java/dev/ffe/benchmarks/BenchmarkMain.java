package dev.ffe.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks in quick mode (one fork, short iterations, a subset of the sizes: a few
 * minutes on two cores) or full mode (every benchmark, more forks and iterations), with the GC
 * profiler on, writing JMH's JSON to {@code results/<date>-<mode>.json}.
 *
 * <pre>{@code
 * java -cp target/benchmarks.jar dev.ffe.benchmarks.BenchmarkMain quick [out.json] [regex...]
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BenchmarkMain {
  /** What quick mode runs: every harness at 1, 100 and 10,000 steps, and the scaling points. */
  static final List<String> QUICK_INCLUDES =
      List.of(
          "\\.Chain(1|100|10000)Benchmark\\.",
          "\\.Chain(1000|100000)Benchmark\\.(ffeSameThread|completableFuture)$",
          "\\.FanOut(100|10000)Benchmark\\.",
          "\\.RetryBenchmark\\.",
          "\\.ResultJsonBenchmark\\.");

  /** What full mode runs: everything in this package. */
  static final List<String> FULL_INCLUDES = List.of("^dev\\.ffe\\.benchmarks\\.");

  private BenchmarkMain() {}

  /**
   * Runs the benchmarks: {@code quick|full [result-file] [include-regex...]}.
   *
   * @throws RunnerException when JMH fails
   */
  public static void main(String[] args) throws RunnerException, java.io.IOException {
    if (args.length == 0) {
      System.err.println("usage: BenchmarkMain quick|full [result.json] [include-regex...]");
      System.exit(2);
    }
    String mode = args[0];
    Path out = args.length > 1 ? Path.of(args[1]) : defaultResultFile(Path.of("results"), mode);
    List<String> includes = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : null;
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new Runner(options(mode, out, includes)).run();
    System.out.println("results written to " + out.toAbsolutePath());
  }

  /** Returns {@code dir/<today, UTC>-<mode>.json}. */
  static Path defaultResultFile(Path dir, String mode) {
    return dir.resolve(LocalDate.now(ZoneOffset.UTC) + "-" + mode + ".json");
  }

  /**
   * Returns the JMH options of a mode.
   *
   * @param includes the benchmark regexes to run, or null for the mode's own set
   * @throws IllegalArgumentException when the mode is neither quick nor full
   */
  static Options options(String mode, Path resultFile, List<String> includes) {
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .addProfiler(GCProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(resultFile.toString())
            .jvmArgsAppend("-Xms2g", "-Xmx2g")
            .shouldFailOnError(true);
    List<String> selected;
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "quick" -> {
        b.forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(1));
        selected = QUICK_INCLUDES;
      }
      case "full" -> {
        b.forks(2)
            .warmupIterations(5)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2));
        selected = FULL_INCLUDES;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown mode '" + mode + "': use quick (a few minutes) or full (real numbers)");
    }
    for (String include : includes == null ? selected : includes) {
      b.include(include);
    }
    return b.build();
  }
}
