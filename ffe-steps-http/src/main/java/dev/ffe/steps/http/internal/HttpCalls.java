package dev.ffe.steps.http.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends requests with the JDK client under a total deadline, and turns failures into words.
 *
 * <p>Thread-safe.
 */
public final class HttpCalls {
  private static volatile HttpClient shared;

  private HttpCalls() {}

  /**
   * Returns {@code method} upper-cased, or rejects a value that is not a method name (the same rule
   * for health checks, probes and load tasks).
   */
  public static String checkMethod(String method) {
    Objects.requireNonNull(method, "method == null");
    if (!method.matches("[A-Za-z]+")) {
      throw new IllegalArgumentException(
          "HTTP method '" + method + "' is not a method name: use GET, HEAD, POST, ...");
    }
    return method.toUpperCase(java.util.Locale.ROOT);
  }

  /** Rejects a header whose name or value would break the request (a line break). */
  public static void checkHeader(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    if (name.contains("\n")
        || name.contains("\r")
        || value.contains("\n")
        || value.contains("\r")) {
      throw new IllegalArgumentException(
          "header '" + name.strip() + "' contains a line break: remove it");
    }
  }

  /** Returns the statuses as a set, rejecting any that is not an HTTP status. */
  public static java.util.Set<Integer> checkStatuses(int... statuses) {
    java.util.Set<Integer> out = new java.util.LinkedHashSet<>();
    for (int s : statuses) {
      if (s < 100 || s > 599) {
        throw new IllegalArgumentException(
            "expected status " + s + " is not an HTTP status: use 100..599");
      }
      out.add(s);
    }
    return out;
  }

  /**
   * Returns a process-wide client that does not follow redirects (so a check sees what the server
   * said) and verifies certificates.
   */
  public static HttpClient sharedClient() {
    HttpClient c = shared;
    if (c == null) {
      synchronized (HttpCalls.class) {
        c = shared;
        if (c == null) {
          c =
              HttpClient.newBuilder()
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .connectTimeout(Duration.ofSeconds(10))
                  .build();
          shared = c;
        }
      }
    }
    return c;
  }

  /**
   * Parses and validates an http(s) URL.
   *
   * @throws IllegalArgumentException naming the text when it is malformed or not http/https
   */
  public static URI parseHttpUrl(String what, String url) {
    Objects.requireNonNull(url, what + " == null");
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          what
              + " '"
              + url
              + "' is malformed ("
              + e.getReason()
              + "): write it like https://host/path");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          what
              + " '"
              + url
              + "' has "
              + (scheme.isEmpty() ? "no scheme" : "the unknown scheme '" + scheme + "'")
              + ": use http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException(
          what + " '" + url + "' has no host: write it like https://host/path");
    }
    return uri;
  }

  /**
   * Sends {@code request} and waits at most {@code deadline} for the whole response, body included.
   * The JDK's request timeout covers only the response headers, so the total deadline is enforced
   * here as well.
   *
   * @throws TimeoutException when the deadline passes
   * @throws IOException when the exchange fails
   * @throws InterruptedException when the calling thread is interrupted (the call is abandoned)
   */
  public static <T> HttpResponse<T> send(
      HttpClient client,
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      Duration deadline)
      throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<HttpResponse<T>> future = client.sendAsync(request, handler);
    try {
      return future.get(Math.max(1, deadline.toNanos()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException t
          && !(cause instanceof HttpConnectTimeoutException)) {
        TimeoutException te = new TimeoutException(t.getMessage());
        te.initCause(t);
        throw te;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
    } catch (TimeoutException | InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  /**
   * Describes why an exchange failed, in words: refused, DNS failure, TLS failure, timeout, reset.
   */
  public static String describeFailure(Throwable failure, URI uri, Duration timeout) {
    String host = uri.getHost();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "could not connect to " + authority(uri) + " within " + human(timeout);
      }
      if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
        return "no complete response from " + uri + " within " + human(timeout);
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "DNS lookup failed: host '" + host + "' could not be resolved";
      }
      if (t instanceof SSLException) {
        return "TLS handshake with " + authority(uri) + " failed: " + t.getMessage();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        String m = t.getMessage();
        if (m == null || m.toLowerCase(Locale.ROOT).contains("refused")) {
          return "connection to " + authority(uri) + " refused (service unavailable)";
        }
        return "could not connect to " + authority(uri) + " (unreachable): " + m;
      }
    }
    String message =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return "request to " + uri + " failed: " + message;
  }

  private static String authority(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return uri.getHost() + ":" + port;
  }

  /** Formats a duration the way messages say it: {@code 250 ms}, {@code 10 s}. */
  public static String human(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 == 0 && ms >= 1000) {
      return (ms / 1000) + " s";
    }
    return ms + " ms";
  }

  /** Returns milliseconds with microsecond precision, as results report latencies. */
  public static double millis(long nanos) {
    return Math.round(nanos / 1000.0) / 1000.0;
  }
}
