package dev.ffe.steps.http.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Records the server's chain and then validates it with the delegate, so a check can report the
 * dates of a certificate that fails validation. Host-name checks stay on: the JDK wraps a plain
 * {@link X509TrustManager} delegate so that the socket overloads verify the endpoint.
 *
 * <p>Thread-safe; one instance serves one connection.
 */
public final class CapturingTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;
  private volatile List<X509Certificate> captured = List.of();

  /** Wraps {@code delegate}, which must be an {@link X509ExtendedTrustManager} (the JDK's is). */
  public CapturingTrustManager(X509TrustManager delegate) {
    Objects.requireNonNull(delegate, "delegate == null");
    if (!(delegate instanceof X509ExtendedTrustManager extended)) {
      throw new IllegalArgumentException(
          "trust manager " + delegate.getClass().getName() + " cannot check host names");
    }
    this.delegate = extended;
  }

  /** Returns the chain the server presented, leaf first; empty before the handshake. */
  public List<X509Certificate> captured() {
    return captured;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    captured = List.of(chain);
    delegate.checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    captured = List.of(chain);
    delegate.checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    captured = List.of(chain);
    delegate.checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
