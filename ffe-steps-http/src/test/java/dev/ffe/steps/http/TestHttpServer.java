package dev.ffe.steps.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback server driven by the query string: {@code /any?status=503&delayMs=100&body=text}.
 * Records every request it received.
 */
final class TestHttpServer implements AutoCloseable {
  /** One request as the server saw it. */
  record Recorded(
      String method, String path, String query, Map<String, List<String>> headers, String body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch stopping = new CountDownLatch(1);
  final List<Recorded> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger count = new AtomicInteger();

  private TestHttpServer(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static TestHttpServer start() throws IOException {
    return new TestHttpServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  static TestHttpServer startHttps(SSLContext context) throws IOException {
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context));
    return new TestHttpServer(https);
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String pathAndQuery) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://localhost:" + port() + pathAndQuery;
  }

  private void handle(HttpExchange exchange) throws IOException {
    int number = count.incrementAndGet();
    byte[] in;
    try (InputStream is = exchange.getRequestBody()) {
      in = is.readAllBytes();
    }
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(
        new Recorded(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            query,
            Map.copyOf(exchange.getRequestHeaders()),
            new String(in, StandardCharsets.UTF_8)));
    Map<String, String> q = parse(query);
    long delayMs = Long.parseLong(q.getOrDefault("delayMs", "0"));
    // slowFirst=N: only the server's first N requests are slow (a stall that then clears)
    long slowFirst = Long.parseLong(q.getOrDefault("slowFirst", "-1"));
    if (delayMs > 0 && (slowFirst < 0 || number <= slowFirst)) {

      try {
        // Simulates a slow server; ends early when the server stops.
        stopping.await(delayMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int status = Integer.parseInt(q.getOrDefault("status", "200"));
    byte[] body = q.getOrDefault("body", "ok").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> out = new HashMap<>();
    if (query == null) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            pair.substring(0, eq),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    stopping.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
