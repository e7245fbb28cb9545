package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
  /** For tests about something other than speed: a loaded CI machine must not turn them WARNING. */
  static final ResponseTimeGrading LENIENT =
      new ResponseTimeGrading(Duration.ofSeconds(30), Duration.ofSeconds(60));

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
  void requestSettingsAreCheckedTheSameWayForChecksProbesAndLoadTasks() {
    // one rule, in HttpCalls: a health check and a probe once accepted a header line break
    assertThatThrownBy(() -> HealthCheck.builder("http://127.0.0.1/").header("X-A", "1\r\nX-B: 2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header 'X-A' contains a line break");
    assertThatThrownBy(() -> ApiEndpoint.builder("api", "http://127.0.0.1/").header("X-A\n", "1"))
        .hasMessageContaining("line break");
    assertThatThrownBy(() -> LoadTask.builder("t", "/").method("GE T"))
        .hasMessageContaining("'GE T' is not a method name");
    assertThatThrownBy(() -> HealthCheck.builder("http://127.0.0.1/").expectStatus(200, 700))
        .hasMessageContaining("expected status 700 is not an HTTP status");
    assertThat(LoadTask.builder("t", "/").method("head").build().method()).isEqualTo("HEAD");
  }

  @Test
  void healthyEndpointIsInfoWithStatusAndLatency() throws Exception {
    HealthCheckResult r =
        HealthCheck.builder(server.url("/health?body=UP")).grading(LENIENT).build().check();
    assertThat(r.level()).isEqualTo(AlertLevel.INFO);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.latencyMs()).isPositive();
    assertThat(r.reason()).startsWith("status 200 in");
  }

  @Test
  void unexpectedStatusIsCriticalAndNamesBothStatuses() throws Exception {
    HealthCheckResult r = HealthCheck.builder(server.url("/health?status=503")).build().check();
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.reason()).contains("status 503, expected 200");
  }

  @Test
  void acceptsAnyOfSeveralExpectedStatuses() throws Exception {
    HealthCheckResult r =
        HealthCheck.builder(server.url("/h?status=204&body="))
            .grading(LENIENT)
            .expectStatus(200, 204)
            .build()
            .check();
    assertThat(r.level()).isEqualTo(AlertLevel.INFO);
  }

  @Test
  void bodyConditionsAreChecked() throws Exception {
    HealthCheck check =
        HealthCheck.builder(server.url("/h?body=status%3Ddown"))
            .expectBodyContains("UP")
            .expectBodyMatches("status=(up|ok)")
            .build();
    HealthCheckResult r = check.check();
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.reason()).contains("does not contain 'UP'").contains("does not match");
    assertThat(
            HealthCheck.builder(server.url("/h?body=UP"))
                .grading(LENIENT)
                .expectBodyContains("UP")
                .build()
                .check()
                .level())
        .isEqualTo(AlertLevel.INFO);
  }

  @Test
  void slowResponsesAreGradedWarningThenCritical() throws Exception {
    ResponseTimeGrading grading =
        new ResponseTimeGrading(Duration.ofMillis(50), Duration.ofMillis(1500));
    HealthCheckResult warning =
        HealthCheck.builder(server.url("/h?delayMs=150")).grading(grading).build().check();
    assertThat(warning.level()).isEqualTo(AlertLevel.WARNING);
    assertThat(warning.reason()).contains("slow");
    HealthCheckResult critical =
        HealthCheck.builder(server.url("/h?delayMs=1600")).grading(grading).build().check();
    assertThat(critical.level()).isEqualTo(AlertLevel.CRITICAL);
  }

  @Test
  void timeoutIsCriticalAndEndsAtTheDeadline() throws Exception {
    long start = System.nanoTime();
    HealthCheckResult r =
        HealthCheck.builder(server.url("/h?delayMs=5000"))
            .timeout(Duration.ofMillis(300))
            .build()
            .check();
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.status()).isZero();
    assertThat(r.reason()).contains("within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void serverThatSendsHeadersThenStallsHitsTheTotalDeadline() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (RawServer raw =
        new RawServer(
            s -> {
              InputStream in = s.getInputStream();
              RawServer.readRequestHead(in);
              OutputStream out = s.getOutputStream();
              out.write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"));
              out.flush();
              try {
                never.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })) {
      HealthCheckResult r =
          HealthCheck.builder(raw.url("/")).timeout(Duration.ofMillis(400)).build().check();
      assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
      assertThat(r.reason()).contains("no complete response");
    } finally {
      never.countDown();
    }
  }

  @Test
  void connectionClosedMidResponseIsCritical() throws Exception {
    try (RawServer raw =
        new RawServer(
            s -> {
              RawServer.readRequestHead(s.getInputStream());
              s.getOutputStream()
                  .write(RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf"));
              s.setSoLinger(true, 0); // reset instead of a clean close
            })) {
      HealthCheckResult r =
          HealthCheck.builder(raw.url("/")).timeout(Duration.ofSeconds(3)).build().check();
      assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
      assertThat(r.status()).isZero();
      assertThat(r.reason()).contains("failed");
    }
  }

  @Test
  void garbageResponseIsCritical() throws Exception {
    try (RawServer raw =
        new RawServer(
            s -> {
              RawServer.readRequestHead(s.getInputStream());
              s.getOutputStream().write(RawServer.ascii("SSH-2.0-OpenSSH_9.2\r\n\r\n"));
            })) {
      HealthCheckResult r =
          HealthCheck.builder(raw.url("/")).timeout(Duration.ofSeconds(3)).build().check();
      assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    }
  }

  @Test
  void refusedConnectionIsCriticalServiceUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HealthCheckResult r = HealthCheck.builder("http://127.0.0.1:" + port + "/").build().check();
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.reason()).contains("refused");
  }

  @Test
  void badUrlsAreRejectedBeforeAnythingRuns() {
    assertThatThrownBy(() -> HealthCheck.builder("ftp://host/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scheme 'ftp'");
    assertThatThrownBy(() -> HealthCheck.builder("http://exa mple.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> HealthCheck.builder("localhost:8080"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HealthCheck.builder("http:///path"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no host");
    assertThatThrownBy(() -> HealthCheck.builder("http://h/").timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HealthCheck.builder("http://h/").expectStatus(42))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HealthCheck.builder("http://h/").method("GE T"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sendsMethodAndHeaders() throws Exception {
    int before = server.requests.size();
    HealthCheck.builder(server.url("/hdr?body="))
        .method("head")
        .header("X-Probe", "ffe")
        .expectStatus(200)
        .build()
        .check();
    TestHttpServer.Recorded rec = server.requests.get(before);
    assertThat(rec.method()).isEqualTo("HEAD");
    assertThat(rec.headers().get("X-probe")).containsExactly("ffe");
  }

  @Test
  void resultSerializesWithSnakeCaseNames() throws Exception {
    HealthCheckResult r = HealthCheck.builder(server.url("/h")).build().check();
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(r);
    assertThat(json)
        .contains(
            "\"url\"",
            "\"status\":200",
            "\"level\":\"INFO\"",
            "\"latency_ms\"",
            "\"reason\"",
            "\"checked_at\"");
  }

  @Test
  void gradingRejectsInvertedLimits() {
    assertThatThrownBy(() -> new ResponseTimeGrading(Duration.ofSeconds(5), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ResponseTimeGrading.defaults().grade(Duration.ofSeconds(2)))
        .isEqualTo(AlertLevel.INFO);
    assertThat(ResponseTimeGrading.defaults().grade(Duration.ofMillis(2001)))
        .isEqualTo(AlertLevel.WARNING);
    assertThat(ResponseTimeGrading.defaults().grade(Duration.ofMillis(5001)))
        .isEqualTo(AlertLevel.CRITICAL);
  }
}
