package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdTest {

  @Test
  void parsesLatencyThresholdsInMilliseconds() {
    assertThat(Threshold.parse("p95<500ms").limit()).isEqualTo(500);
    assertThat(Threshold.parse("p99 <= 2s").limit()).isEqualTo(2000);
    assertThat(Threshold.parse("max<250us").limit()).isEqualTo(0.25);
    assertThat(Threshold.parse("mean<100").limit()).isEqualTo(100);
    assertThat(Threshold.parse("P95<500MS").metric()).isEqualTo("p95");
  }

  @Test
  void parsesRatesAndCounts() {
    assertThat(Threshold.parse("error_rate<1%").limit()).isEqualTo(0.01);
    assertThat(Threshold.parse("error_rate<0.05").limit()).isEqualTo(0.05);
    Threshold rps = Threshold.parse("rps>=100");
    assertThat(rps.operator()).isEqualTo(Threshold.Operator.GREATER_OR_EQUAL);
    assertThat(Threshold.parse("errors==0").operator()).isEqualTo(Threshold.Operator.EQUAL);
    assertThat(Threshold.parse("requests>10").toString()).isEqualTo("requests>10");
  }

  @Test
  void comparisonsAreExactlyTheOperatorWritten() {
    assertThat(Threshold.parse("p95<500ms").evaluate(500.0).passed()).isFalse();
    assertThat(Threshold.parse("p95<500ms").evaluate(499.999).passed()).isTrue();
    assertThat(Threshold.parse("p95<=500ms").evaluate(500.0).passed()).isTrue();
    assertThat(Threshold.parse("rps>=100").evaluate(100).passed()).isTrue();
    assertThat(Threshold.parse("rps>100").evaluate(100).passed()).isFalse();
    assertThat(Threshold.parse("errors==0").evaluate(1).passed()).isFalse();
  }

  @Test
  void messagesCarryTheMeasuredValue() {
    ThresholdResult r = Threshold.parse("p95<500ms").evaluate(612.3);
    assertThat(r.message()).isEqualTo("p95 was 612.300 ms, breaking < 500 ms");
    assertThat(Threshold.parse("error_rate<1%").evaluate(0.025).message())
        .contains("2.50%", "1.00%");
    assertThat(Threshold.parse("rps>=100").evaluate(Map.of("rps", 150.0)).message())
        .contains("150/s, within");
  }

  @Test
  void rejectsUnknownMetricsAndBadSyntax() {
    assertThatThrownBy(() -> Threshold.parse("p42<5ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown metric 'p42'");
    assertThatThrownBy(() -> Threshold.parse("p95 about 500"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("METRIC OP VALUE");
    assertThatThrownBy(() -> Threshold.parse("rps>=100ms"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Threshold.parse("p95<5%"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Threshold.parse("error_rate<150%"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Threshold.parse("error_rate<2s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Threshold.parse("p95<500ms").evaluate(Map.of("rps", 1.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiProbe.builder().threshold("rps>=100"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not measured there");
  }
}
