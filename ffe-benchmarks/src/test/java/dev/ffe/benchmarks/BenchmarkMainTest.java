package dev.ffe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;

class BenchmarkMainTest {

  @Test
  void quickModeRunsOneShortForkOfTheQuickSubsetWithTheGcProfiler() {
    Options o = BenchmarkMain.options("quick", Path.of("out.json"), null);

    assertThat(o.getForkCount().get()).isEqualTo(1);
    assertThat(o.getWarmupIterations().get()).isEqualTo(2);
    assertThat(o.getMeasurementIterations().get()).isEqualTo(3);
    assertThat(o.getIncludes()).isEqualTo(BenchmarkMain.QUICK_INCLUDES);
    assertThat(o.getProfilers()).extracting(p -> p.getKlass()).anyMatch(k -> k.contains("GC"));
    assertThat(o.getResultFormat().get()).isEqualTo(ResultFormatType.JSON);
    assertThat(o.getResult().get()).isEqualTo("out.json");
  }

  @Test
  void fullModeRunsEveryBenchmarkWithMoreForksAndIterations() {
    Options o = BenchmarkMain.options("FULL", Path.of("out.json"), null);

    assertThat(o.getForkCount().get()).isEqualTo(2);
    assertThat(o.getMeasurementIterations().get()).isEqualTo(5);
    assertThat(o.getIncludes()).isEqualTo(BenchmarkMain.FULL_INCLUDES);
  }

  @Test
  void explicitIncludesReplaceTheModesSet() {
    Options o = BenchmarkMain.options("quick", Path.of("out.json"), List.of("Retry"));

    assertThat(o.getIncludes()).containsExactly("Retry");
  }

  @Test
  void unknownModeIsRejectedNamingTheChoices() {
    assertThatThrownBy(() -> BenchmarkMain.options("fast", Path.of("x.json"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fast'")
        .hasMessageContaining("quick")
        .hasMessageContaining("full");
  }

  @Test
  void quickSubsetKeepsEveryHarnessAtSmallSizesButOnlyTheFloorAndFfeForScaling() {
    assertThat(quick("Chain1Benchmark.failsafe")).isTrue();
    assertThat(quick("Chain10000Benchmark.ffeDefaultExecutor")).isTrue();
    assertThat(quick("Chain100000Benchmark.ffeSameThread")).isTrue();
    assertThat(quick("Chain1000Benchmark.completableFuture")).isTrue();
    assertThat(quick("Chain1000Benchmark.failsafe")).isFalse();
    assertThat(quick("Chain100000Benchmark.ffeDefaultExecutor")).isFalse();
    assertThat(quick("RetryBenchmark.resilience4j")).isTrue();
    assertThat(quick("ResultJsonBenchmark.toJson")).isTrue();
  }

  @Test
  void defaultResultFileIsNamedByDateAndMode() {
    Path file = BenchmarkMain.defaultResultFile(Path.of("results"), "quick");

    assertThat(file.getParent()).isEqualTo(Path.of("results"));
    assertThat(file.getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}-quick\\.json");
  }

  private static boolean quick(String benchmark) {
    String name = "dev.ffe.benchmarks." + benchmark;
    return BenchmarkMain.QUICK_INCLUDES.stream()
        .anyMatch(r -> Pattern.compile(r).matcher(name).find());
  }
}
