package dev.ffe.examples.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny service on loopback that the examples deploy, check and load-test, built on the JDK's
 * {@code com.sun.net.httpserver}. It serves the version written in {@code DIR/version} (a deploy
 * script switches it), reports unhealthy while {@code DIR/down} exists, and records alert webhooks.
 *
 * <ul>
 *   <li>{@code GET /health}: 200 {@code {"status":"UP","version":"..."}}, or 503 when down
 *   <li>{@code GET /version}: the version as text
 *   <li>{@code GET /api/users}, {@code GET /api/orders}: small JSON documents
 *   <li>{@code POST /alerts}: records the body, answers 204
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class DemoService implements AutoCloseable {
  /** The version a fresh service directory starts with. */
  public static final String INITIAL_VERSION = "1.0.0";

  private final Path directory;
  private final HttpServer server;
  private final ExecutorService threads;
  private final List<String> alerts = new ArrayList<>();

  private DemoService(Path directory, HttpServer server, ExecutorService threads) {
    this.directory = directory;
    this.server = server;
    this.threads = threads;
  }

  /**
   * Starts the service on a free loopback port, serving {@code directory} (created if needed, with
   * {@link #INITIAL_VERSION} when it has no version file yet).
   */
  public static DemoService start(Path directory) {
    try {
      Files.createDirectories(directory);
      Path version = directory.resolve("version");
      if (!Files.exists(version)) {
        Files.writeString(version, INITIAL_VERSION + "\n");
      }
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      AtomicInteger n = new AtomicInteger();
      ExecutorService threads =
          Executors.newFixedThreadPool(
              16,
              r -> {
                Thread t = new Thread(r, "demo-service-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      server.setExecutor(threads);
      DemoService service = new DemoService(directory, server, threads);
      server.createContext("/health", service::health);
      server.createContext(
          "/version", ex -> service.send(ex, 200, "text/plain", service.version()));
      server.createContext(
          "/api/users",
          ex -> service.send(ex, 200, "application/json", "[{\"id\":1,\"name\":\"ada\"}]"));
      server.createContext(
          "/api/orders",
          ex -> service.send(ex, 200, "application/json", "[{\"id\":7,\"total\":42.5}]"));
      server.createContext("/alerts", service::alert);
      server.start();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the demo service in " + directory, e);
    }
  }

  /** Returns the base URL, like {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns the URL of {@code path} (which starts with '/'). */
  public String url(String path) {
    return baseUrl() + path;
  }

  /** Returns the directory holding the version file. */
  public Path directory() {
    return directory;
  }

  /** Returns the version currently served. */
  public String version() {
    try {
      return Files.readString(directory.resolve("version")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Returns the alert bodies received so far, oldest first. */
  public synchronized List<String> alerts() {
    return List.copyOf(alerts);
  }

  private void health(HttpExchange ex) throws IOException {
    boolean down = Files.exists(directory.resolve("down"));
    send(
        ex,
        down ? 503 : 200,
        "application/json",
        "{\"status\":\"" + (down ? "DOWN" : "UP") + "\",\"version\":\"" + version() + "\"}");
  }

  private void alert(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        alerts.add(body);
      }
    }
    ex.sendResponseHeaders(204, -1);
    ex.close();
  }

  private void send(HttpExchange ex, int status, String type, String body) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.readAllBytes();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the server at once and its threads. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
