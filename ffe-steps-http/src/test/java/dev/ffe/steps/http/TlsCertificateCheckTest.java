package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class TlsCertificateCheckTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private static TlsCheckResult checkServerWith(TestCertificates certs, boolean trusted)
      throws Exception {
    try (TestHttpServer https = TestHttpServer.startHttps(certs.serverContext())) {
      TlsCertificateCheck.Builder b =
          TlsCertificateCheck.builder("localhost", https.port()).timeout(Duration.ofSeconds(5));
      if (trusted) {
        b.trustStore(certs.trustStore());
      }
      return b.build().check(NOW);
    }
  }

  @Test
  void certificateValidForLongIsInfo() throws Exception {
    TlsCheckResult r =
        checkServerWith(
            TestCertificates.selfSigned(
                NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS)),
            true);
    assertThat(r.level()).isEqualTo(AlertLevel.INFO);
    assertThat(r.daysRemaining()).isBetween(89L, 90L);
    assertThat(r.subject()).hasValueSatisfying(s -> assertThat(s).contains("CN=localhost"));
    assertThat(r.chainLength()).isEqualTo(1);
  }

  @Test
  void certificateExpiringWithin30DaysIsWarning() throws Exception {
    TlsCheckResult r =
        checkServerWith(
            TestCertificates.selfSigned(
                NOW.minus(60, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS)),
            true);
    assertThat(r.level()).isEqualTo(AlertLevel.WARNING);
    assertThat(r.reason()).contains("in 10 days", "warning within 30 days");
  }

  @Test
  void expiredCertificateIsCriticalWithItsDates() throws Exception {
    Instant expiry = NOW.minus(3, ChronoUnit.DAYS);
    TlsCheckResult r =
        checkServerWith(TestCertificates.selfSigned(NOW.minus(100, ChronoUnit.DAYS), expiry), true);
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.reason()).contains("expired");
    assertThat(r.notAfter()).contains(expiry);
  }

  @Test
  void notYetValidCertificateIsCritical() throws Exception {
    TlsCheckResult r =
        checkServerWith(
            TestCertificates.selfSigned(
                NOW.plus(2, ChronoUnit.DAYS), NOW.plus(200, ChronoUnit.DAYS)),
            true);
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.reason()).contains("not valid before");
  }

  @Test
  void untrustedCertificateIsCriticalBecauseVerificationStaysOn() throws Exception {
    TlsCheckResult r =
        checkServerWith(
            TestCertificates.selfSigned(
                NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS)),
            false);
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.reason()).contains("TLS handshake");
    assertThat(r.notAfter()).isPresent();
  }

  @Test
  void warningWindowIsConfigurable() throws Exception {
    TestCertificates certs =
        TestCertificates.selfSigned(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(40, ChronoUnit.DAYS));
    try (TestHttpServer https = TestHttpServer.startHttps(certs.serverContext())) {
      TlsCheckResult r =
          TlsCertificateCheck.forUrl(https.url("/"))
              .trustStore(certs.trustStore())
              .warnWithin(Duration.ofDays(60))
              .build()
              .check(NOW);
      assertThat(r.level()).isEqualTo(AlertLevel.WARNING);
      String json = new ObjectMapper().writeValueAsString(r);
      assertThat(json).contains("\"days_remaining\"", "\"not_after\"", "\"level\":\"WARNING\"");
    }
  }

  @Test
  void refusedPortIsCriticalWithoutCertificateFields() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TlsCheckResult r = TlsCertificateCheck.builder("127.0.0.1", port).build().check();
    assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(r.reason()).contains("refused");
    assertThat(r.notAfter()).isEmpty();
    assertThat(new ObjectMapper().writeValueAsString(r)).doesNotContain("not_after");
  }

  @Test
  void plainHttpServerIsCriticalTlsFailure() throws Exception {
    try (TestHttpServer http = TestHttpServer.start()) {
      TlsCheckResult r =
          TlsCertificateCheck.builder("localhost", http.port())
              .timeout(Duration.ofSeconds(1))
              .build()
              .check();
      assertThat(r.level()).isEqualTo(AlertLevel.CRITICAL);
    }
  }

  @Test
  void healthCheckOverHttpsWithTrustedCertificateIsInfo() throws Exception {
    TestCertificates certs =
        TestCertificates.selfSigned(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS));
    try (TestHttpServer https = TestHttpServer.startHttps(certs.serverContext())) {
      HttpClient trusting = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
      assertThat(
              HealthCheck.builder(https.url("/h"))
                  .httpClient(trusting)
                  .grading(HealthCheckTest.LENIENT)
                  .build()
                  .check()
                  .level())
          .isEqualTo(AlertLevel.INFO);
      HealthCheckResult untrusted = HealthCheck.builder(https.url("/h")).build().check();
      assertThat(untrusted.level()).isEqualTo(AlertLevel.CRITICAL);
      assertThat(untrusted.reason()).contains("TLS handshake");
    }
  }

  @Test
  void loadTestRunsOverHttpsWithVerificationOn() throws Exception {
    TestCertificates certs =
        TestCertificates.selfSigned(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS));
    try (TestHttpServer https = TestHttpServer.startHttps(certs.serverContext())) {
      LoadTestReport trusted =
          LoadTest.builder(https.url("/"))
              .task(LoadTask.get("t", "/tls"))
              .closedModel(2, 100)
              .duration(
                  Duration.ofMillis(2000)) // long enough for a cold TLS stack on a busy machine
              .trustStore(certs.trustStore())
              .build()
              .run();
      assertThat(trusted.requests()).isPositive();
      assertThat(trusted.errors()).as("%s", trusted.tasks().get(0).errorReasons()).isZero();
      LoadTestReport untrusted =
          LoadTest.builder(https.url("/"))
              .task(LoadTask.get("t", "/tls"))
              .closedModel(1, 100)
              .duration(Duration.ofMillis(500))
              .build()
              .run();
      assertThat(untrusted.errors()).isPositive();
      assertThat(untrusted.tasks().get(0).errorReasons().keySet())
          .allSatisfy(k -> assertThat(k).startsWith("TLS failure"));
    }
  }

  @Test
  void badHostOrPortIsRejected() {
    assertThatThrownBy(() -> TlsCertificateCheck.builder("a b", 443))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsCertificateCheck.builder("h", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsCertificateCheck.forUrl("http://h/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsCertificateCheck.builder("h", 1).warnWithin(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
