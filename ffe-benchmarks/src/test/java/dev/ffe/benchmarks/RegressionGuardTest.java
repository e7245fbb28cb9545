package dev.ffe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionGuardTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void passesWhenEveryBenchmarkIsWithinTheThreshold() throws IOException {
    Path baseline = write("base.json", result("Chain100Benchmark.ffeSameThread", 100, 500));
    Path current = write("now.json", result("Chain100Benchmark.ffeSameThread", 115, 510));

    assertThat(run(baseline, current)).isZero();
    assertThat(text(out))
        .contains("Chain100Benchmark.ffeSameThread")
        .contains("+15.0%")
        .contains("510.00")
        .contains("ok")
        .contains("OK: no benchmark is more than 20 % slower");
  }

  @Test
  void failsAndFlagsTheBenchmarkThatIsMoreThanTwentyPercentSlower() throws IOException {
    Path baseline = write("base.json", result("A.fast", 100, 0) + "," + result("A.slow", 100, 0));
    Path current = write("now.json", result("A.fast", 90, 0) + "," + result("A.slow", 121, 0));

    assertThat(run(baseline, current)).isEqualTo(1);
    assertThat(text(out)).containsPattern("A\\.slow .*\\+21\\.0% .*SLOWER");
    assertThat(text(out)).containsPattern("A\\.fast .*-10\\.0% .*ok");
    assertThat(text(out)).contains("REGRESSION: 1 benchmark(s)");
  }

  @Test
  void honoursAGivenThreshold() throws IOException {
    Path baseline = write("base.json", result("A.x", 100, 0));
    Path current = write("now.json", result("A.x", 110, 0));

    assertThat(RegressionGuard.run(args(baseline, current, "0.05"), ps(out), ps(err))).isEqualTo(1);
  }

  @Test
  void listsNewAndMissingBenchmarksWithoutFailing() throws IOException {
    Path baseline = write("base.json", result("A.gone", 100, 0));
    Path current = write("now.json", result("A.added", 100, 0));

    assertThat(run(baseline, current)).isZero();
    assertThat(text(out))
        .containsPattern("A\\.added .* new")
        .containsPattern("A\\.gone .* missing");
  }

  @Test
  void treatsLowerThroughputAsSlower() throws IOException {
    Path baseline = write("base.json", result("A.t", 1000, 0).replace("\"avgt\"", "\"thrpt\""));
    Path current = write("now.json", result("A.t", 700, 0).replace("\"avgt\"", "\"thrpt\""));

    assertThat(run(baseline, current)).isEqualTo(1);
  }

  @Test
  void keysBenchmarksByTheirParameters() throws IOException {
    String withParam =
        result("A.p", 100, 0).replace("\"mode\"", "\"params\":{\"n\":\"10\"},\"mode\"");
    Path baseline = write("base.json", withParam);
    Path current = write("now.json", withParam);

    assertThat(run(baseline, current)).isZero();
    assertThat(text(out)).contains("A.p{n=10}");
  }

  @Test
  void rejectsBadArgumentsAndFilesThatAreNotJmhResults() throws IOException {
    Path notArray = dir.resolve("obj.json");
    Files.writeString(notArray, "{}");
    Path good = write("good.json", result("A.x", 1, 0));

    assertThat(RegressionGuard.run(new String[] {"one"}, ps(out), ps(err))).isEqualTo(2);
    assertThat(run(notArray, good)).isEqualTo(2);
    assertThat(text(err)).contains("not a JMH JSON result");
    assertThat(run(dir.resolve("absent.json"), good)).isEqualTo(2);
    assertThat(text(err)).contains("absent.json");
    assertThat(RegressionGuard.run(args(good, good, "-1"), ps(out), ps(err))).isEqualTo(2);
  }

  private int run(Path baseline, Path current) {
    return RegressionGuard.run(
        new String[] {baseline.toString(), current.toString()}, ps(out), ps(err));
  }

  private static String[] args(Path baseline, Path current, String threshold) {
    return new String[] {baseline.toString(), current.toString(), threshold};
  }

  private Path write(String name, String results) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "[" + results + "]");
    return file;
  }

  /** Returns one JMH result entry in the shape JMH's JSON writer uses. */
  private static String result(String benchmark, double score, double bytesPerOp) {
    return String.format(
        Locale.ROOT,
        "{\"benchmark\":\"dev.ffe.benchmarks.%s\",\"mode\":\"avgt\",\"forks\":1,"
            + "\"primaryMetric\":{\"score\":%s,\"scoreUnit\":\"ns/op\"},"
            + "\"secondaryMetrics\":{\"\\u00b7gc.alloc.rate.norm\":{\"score\":%s,"
            + "\"scoreUnit\":\"B/op\"}}}",
        benchmark,
        score,
        bytesPerOp);
  }

  private static PrintStream ps(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
