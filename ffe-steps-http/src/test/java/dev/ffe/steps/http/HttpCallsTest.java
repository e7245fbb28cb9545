package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ffe.steps.http.internal.HttpCalls;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The failure descriptions; DNS failures are built here because no test may query a resolver. */
class HttpCallsTest {
  private static final URI URI_ = URI.create("https://api.example.com/health");
  private static final Duration TEN = Duration.ofSeconds(10);

  private static String describe(Throwable t) {
    return HttpCalls.describeFailure(t, URI_, TEN);
  }

  @Test
  void describesEachKindOfFailureInWords() {
    ConnectException dns = new ConnectException();
    dns.initCause(new UnresolvedAddressException());
    assertThat(describe(dns))
        .isEqualTo("DNS lookup failed: host 'api.example.com' could not be resolved");
    assertThat(describe(new IOException(new UnknownHostException("api.example.com"))))
        .startsWith("DNS lookup failed");
    assertThat(describe(new ConnectException("Connection refused")))
        .isEqualTo("connection to api.example.com:443 refused (service unavailable)");
    assertThat(describe(new ConnectException("No route to host")))
        .isEqualTo("could not connect to api.example.com:443 (unreachable): No route to host");
    assertThat(describe(new HttpConnectTimeoutException("HTTP connect timed out")))
        .isEqualTo("could not connect to api.example.com:443 within 10 s");
    assertThat(describe(new TimeoutException()))
        .isEqualTo("no complete response from " + URI_ + " within 10 s");
    assertThat(describe(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo("TLS handshake with api.example.com:443 failed: PKIX path building failed");
    assertThat(describe(new IOException("Connection reset")))
        .isEqualTo("request to " + URI_ + " failed: Connection reset");
    assertThat(describe(new IOException())).endsWith("failed: IOException");
  }

  @Test
  void formatsDurationsAndMillis() {
    assertThat(HttpCalls.human(Duration.ofMillis(250))).isEqualTo("250 ms");
    assertThat(HttpCalls.human(Duration.ofSeconds(2))).isEqualTo("2 s");
    assertThat(HttpCalls.millis(1_234_567)).isEqualTo(1.235);
  }

  @Test
  void shortcutsBuildSteps() {
    assertThat(HttpSteps.healthCheckAfter("h", "http://localhost/", Duration.ofSeconds(30)).delay())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpSteps.tlsCheck("t", "https://localhost:8443").name()).isEqualTo("t");
    assertThat(AlertLevel.WARNING.max(AlertLevel.CRITICAL)).isEqualTo(AlertLevel.CRITICAL);
    assertThat(AlertLevel.CRITICAL.max(AlertLevel.INFO)).isEqualTo(AlertLevel.CRITICAL);
  }
}
