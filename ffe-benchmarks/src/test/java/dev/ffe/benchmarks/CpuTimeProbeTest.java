package dev.ffe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuTimeProbeTest {

  @Test
  void measuresEveryHarnessWithPositiveTimesAndPrintsOneLineEach() {
    List<CpuTimeProbe.Measurement> ms = CpuTimeProbe.measure(2, 200, List.of(10, 20));

    assertThat(ms)
        .extracting(CpuTimeProbe.Measurement::harness)
        .containsExactly("ffeSameThread", "ffeSameThread", "completableFuture", "resilience4j");
    assertThat(ms).extracting(CpuTimeProbe.Measurement::steps).containsExactly(10, 20, 100, 100);
    assertThat(ms).allSatisfy(m -> assertThat(m.wallNanosPerStep()).isPositive());
    assertThat(ms.get(0).toString()).contains("ffeSameThread").contains("ns/step");
  }
}
