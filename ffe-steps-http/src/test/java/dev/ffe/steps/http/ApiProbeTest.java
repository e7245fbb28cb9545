package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiProbeTest {
  static TestHttpServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestHttpServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void measuresEveryEndpointSequentially() throws Exception {
    int before = server.count.get();
    ApiProbeResult r =
        ApiProbe.builder()
            .endpoint("health", server.url("/health"))
            .endpoint(
                ApiEndpoint.builder("orders", server.url("/orders"))
                    .method("POST")
                    .body("{}")
                    .build())
            .requestsPerEndpoint(20)
            .build()
            .run();
    assertThat(server.count.get() - before).isEqualTo(40);
    assertThat(r.endpoints()).extracting(EndpointStats::name).containsExactly("health", "orders");
    EndpointStats health = r.endpoint("health").orElseThrow();
    assertThat(health.requests()).isEqualTo(20);
    assertThat(health.errors()).isZero();
    assertThat(health.minMs()).isPositive().isLessThanOrEqualTo(health.medianMs());
    assertThat(health.medianMs()).isLessThanOrEqualTo(health.p95Ms());
    assertThat(health.p95Ms())
        .isLessThanOrEqualTo(health.p99Ms())
        .isLessThanOrEqualTo(health.maxMs());
    assertThat(r.passed()).isTrue();
    assertThat(r.level()).isEqualTo(AlertLevel.INFO);
  }

  @Test
  void concurrentProbeSendsExactlyNRequests() throws Exception {
    int before = server.count.get();
    ApiProbeResult r =
        ApiProbe.builder()
            .endpoint("a", server.url("/a"))
            .requestsPerEndpoint(30)
            .concurrency(4)
            .build()
            .run();
    assertThat(server.count.get() - before).isEqualTo(30);
    assertThat(r.endpoints().get(0).requests()).isEqualTo(30);
  }

  @Test
  void brokenThresholdFailsWithMeasuredValue() throws Exception {
    ApiProbe probe =
        ApiProbe.builder()
            .endpoint(
                ApiEndpoint.builder("slow", server.url("/s?delayMs=30"))
                    .threshold("p95<1ms")
                    .build())
            .requestsPerEndpoint(3)
            .build();
    ApiProbeResult r = probe.run();
    assertThat(r.passed()).isFalse();
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.failedThresholds())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.measured()).isGreaterThanOrEqualTo(30);
              assertThat(t.message()).startsWith("p95 was ").contains("breaking < 1 ms");
            });
    assertThat(r.summary()).contains("slow: p95 was");
  }

  @Test
  void errorsAreCountedByReason() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ApiProbeResult r =
        ApiProbe.builder()
            .endpoint("failing", server.url("/f?status=500"))
            .endpoint("down", "http://127.0.0.1:" + port + "/")
            .endpoint("stalled", server.url("/x?delayMs=3000"))
            .requestsPerEndpoint(2)
            .timeout(Duration.ofMillis(200))
            .threshold("errors==0")
            .build()
            .run();
    assertThat(r.endpoint("failing").orElseThrow().errorReasons()).containsEntry("status 500", 2L);
    assertThat(r.endpoint("down").orElseThrow().errorReasons())
        .containsEntry("connection refused", 2L);
    assertThat(r.endpoint("stalled").orElseThrow().errorReasons())
        .containsEntry("timeout after 200 ms", 2L);
    assertThat(r.passed()).isFalse();
  }

  @Test
  void resultSerializesWithSnakeCaseNames() throws Exception {
    ApiProbeResult r =
        ApiProbe.builder().endpoint("h", server.url("/h")).requestsPerEndpoint(2).build().run();
    String json = new ObjectMapper().writeValueAsString(r);
    assertThat(json)
        .contains(
            "\"mean_ms\"",
            "\"median_ms\"",
            "\"p95_ms\"",
            "\"min_ms\"",
            "\"max_ms\"",
            "\"errors\"",
            "\"started_at\"");
  }

  @Test
  void badConfigurationIsRejected() {
    assertThatThrownBy(() -> ApiProbe.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ApiProbe.builder().requestsPerEndpoint(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiProbe.builder().concurrency(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ApiProbe.builder().endpoint("a", "http://h/").endpoint("a", "http://h/").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ApiEndpoint.builder(" ", "http://h/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiEndpoint.builder("a", "http://h/").threshold("rps>1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
