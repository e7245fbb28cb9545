package dev.ffe.steps.http;

import dev.ffe.core.ContextKey;
import dev.ffe.core.WorkflowStep;
import dev.ffe.steps.http.internal.CapturingTrustManager;
import dev.ffe.steps.http.internal.HttpCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Connects to a TLS endpoint, reads the certificate chain the server presents and grades the leaf
 * certificate: CRITICAL when expired or not yet valid (or when the chain is not trusted or the host
 * name does not match), WARNING when it expires within {@code warnWithin} (default 30 days), INFO
 * otherwise.
 *
 * <p>Certificate verification stays on: the chain is validated against the JDK's trust store (or
 * the one given) with HTTPS host-name checks. The chain is captured before validation, so an
 * expired certificate is still reported with its dates. The check speaks only TLS, not HTTP, so it
 * works for any TLS port; it uses the JDK's own TLS stack.
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsCertificateCheck {
  /** The latest TLS check result of the workflow, published by {@link #step(String)}. */
  public static final ContextKey<TlsCheckResult> RESULT =
      ContextKey.of("http.tls-check.result", TlsCheckResult.class);

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ffe-tls-check-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final String host;
  private final int port;
  private final Duration warnWithin;
  private final Duration timeout;
  private final Optional<KeyStore> trustStore;
  private final AlertLevel failAt;
  private final Clock clock;

  private TlsCertificateCheck(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.warnWithin = b.warnWithin;
    this.timeout = b.timeout;
    this.trustStore = b.trustStore;
    this.failAt = b.failAt;
    this.clock = b.clock;
  }

  /**
   * Starts a builder for {@code host:port}.
   *
   * @throws IllegalArgumentException when the host is blank or the port outside 1..65535
   */
  public static Builder builder(String host, int port) {
    Objects.requireNonNull(host, "host == null");
    if (host.isBlank() || host.contains("/") || host.contains(" ")) {
      throw new IllegalArgumentException(
          "TLS host '" + host + "' is not a host name: write it like example.com");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "TLS port " + port + " is out of range: use 1..65535 (443 for HTTPS)");
    }
    return new Builder(host, port);
  }

  /**
   * Starts a builder for the host and port of an {@code https://} URL (port 443 by default).
   *
   * @throws IllegalArgumentException when the URL is malformed or not https
   */
  public static Builder forUrl(String url) {
    URI uri = HttpCalls.parseHttpUrl("TLS check URL", url);
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(
          "TLS check URL '" + url + "' is not https: use https://host[:port]");
    }
    return builder(uri.getHost(), uri.getPort() < 0 ? 443 : uri.getPort());
  }

  /** Runs the check now; never throws for network or certificate failures, which give CRITICAL. */
  public TlsCheckResult check() {
    return check(clock.instant());
  }

  /** Runs the check, judging validity at {@code at}. */
  public TlsCheckResult check(Instant at) {
    Objects.requireNonNull(at, "at == null");
    CapturingTrustManager trust;
    SSLContext context;
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore.orElse(null));
      X509TrustManager delegate = null;
      for (var tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          delegate = x;
        }
      }
      trust = new CapturingTrustManager(Objects.requireNonNull(delegate, "no X509 trust manager"));
      context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
    } catch (GeneralSecurityException e) {
      return failed(at, "TLS is not usable in this JVM: " + e.getMessage(), List.of());
    }
    String failure = null;
    Socket raw = new Socket();
    // setSoTimeout bounds each read, not the handshake as a whole; the watchdog closes the
    // socket at the total deadline so a server that drips bytes cannot stall the check.
    ScheduledFuture<?> watchdog =
        WATCHDOG.schedule(() -> closeQuietly(raw), timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      raw.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      raw.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true)) {
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!Character.isDigit(host.charAt(host.length() - 1)) && !host.contains(":")) {
          params.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(params);
        socket.startHandshake();
      }
    } catch (IOException e) {
      failure = describe(e);
    } finally {
      watchdog.cancel(false);
      closeQuietly(raw);
    }
    List<X509Certificate> chain = trust.captured();
    if (chain.isEmpty()) {
      return failed(at, failure == null ? "server presented no certificate" : failure, chain);
    }
    X509Certificate leaf = chain.get(0);
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    long days = Duration.between(at, notAfter).toDays();
    AlertLevel level;
    String reason;
    if (at.isAfter(notAfter)) {
      level = AlertLevel.CRITICAL;
      reason = "certificate expired on " + notAfter + " (" + (-days) + " days ago)";
    } else if (at.isBefore(notBefore)) {
      level = AlertLevel.CRITICAL;
      reason = "certificate is not valid before " + notBefore;
    } else if (failure != null) {
      level = AlertLevel.CRITICAL;
      reason = failure;
    } else if (Duration.between(at, notAfter).compareTo(warnWithin) <= 0) {
      level = AlertLevel.WARNING;
      reason =
          "certificate expires on "
              + notAfter
              + ", in "
              + days
              + " days (warning within "
              + warnWithin.toDays()
              + " days)";
    } else {
      level = AlertLevel.INFO;
      reason = "certificate valid until " + notAfter + " (" + days + " days)";
    }
    return new TlsCheckResult(
        host,
        port,
        level,
        reason,
        Optional.of(leaf.getSubjectX500Principal().getName()),
        Optional.of(leaf.getIssuerX500Principal().getName()),
        Optional.of(notBefore),
        Optional.of(notAfter),
        days,
        chain.size(),
        at);
  }

  private TlsCheckResult failed(Instant at, String reason, List<X509Certificate> chain) {
    return new TlsCheckResult(
        host,
        port,
        AlertLevel.CRITICAL,
        reason,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        chain.size(),
        at);
  }

  private String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException
          || t instanceof CertificateNotYetValidException) {
        return "certificate validity check failed: " + t.getMessage();
      }
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return "TLS handshake with " + host + ":" + port + " failed: " + e.getMessage();
    }
    return HttpCalls.describeFailure(e, URI.create("https://" + host + ":" + port + "/"), timeout);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }

  /**
   * Wraps the check as a blocking workflow step whose output is the {@link TlsCheckResult}; it is
   * published under {@link #RESULT} and {@link HttpSteps#resultKey(String)}, and the step fails
   * with a {@link CheckFailedException} at or above {@link Builder#failAt(AlertLevel)}. Validity is
   * judged at the workflow clock's now.
   */
  public WorkflowStep step(String name) {
    return WorkflowStep.task(
        name,
        ctx -> {
          TlsCheckResult result = check(ctx.now());
          ctx.put(RESULT, result);
          ctx.put(HttpSteps.resultKey(ctx.stepPath()), result);
          if (result.level().atLeast(failAt)) {
            throw new CheckFailedException(result);
          }
          return result;
        });
  }

  /**
   * Configures a {@link TlsCertificateCheck}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String host;
    private final int port;
    private Duration warnWithin = Duration.ofDays(30);
    private Duration timeout = Duration.ofSeconds(10);
    private Optional<KeyStore> trustStore = Optional.empty();
    private AlertLevel failAt = AlertLevel.CRITICAL;
    private Clock clock = Clock.systemUTC();

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** Sets how close to expiry a certificate turns WARNING; default 30 days. */
    public Builder warnWithin(Duration warnWithin) {
      Objects.requireNonNull(warnWithin, "warnWithin == null");
      if (warnWithin.isNegative()) {
        throw new IllegalArgumentException(
            "warnWithin is " + warnWithin + ": use zero or a positive duration such as 30d");
      }
      this.warnWithin = warnWithin;
      return this;
    }

    /** Sets the total deadline for connect and handshake; default 10 s. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(
            "timeout is " + timeout + ": use a positive duration such as 10s");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Validates chains against {@code trustStore} instead of the JDK's default trust store (for a
     * private CA). Verification itself cannot be turned off.
     */
    public Builder trustStore(KeyStore trustStore) {
      this.trustStore = Optional.of(Objects.requireNonNull(trustStore, "trustStore == null"));
      return this;
    }

    /** Sets the level at or above which the step fails; default CRITICAL. */
    public Builder failAt(AlertLevel level) {
      this.failAt = Objects.requireNonNull(level, "level == null");
      return this;
    }

    /** Sets the clock {@link TlsCertificateCheck#check()} judges validity by; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Builds the immutable check. */
    public TlsCertificateCheck build() {
      return new TlsCertificateCheck(this);
    }
  }
}
