package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoadTestTest {
  static TestHttpServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestHttpServer.start();
    // Loads and warms Netty once, so that the timed tests below measure load, not class loading.
    LoadTest.builder(server.url("/"))
        .task(LoadTask.get("warm", "/warm"))
        .closedModel(1, 1)
        .duration(Duration.ofMillis(300))
        .build()
        .run();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static final byte[] OK =
      RawServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

  /** Serves keep-alive responses and closes each connection after {@code n} of them. */
  private static RawServer closingAfter(int n, boolean announce) throws Exception {
    return new RawServer(
        s -> {
          InputStream in = s.getInputStream();
          OutputStream out = s.getOutputStream();
          for (int i = 1; i <= n && RawServer.readRequestHead(in); i++) {
            if (i == n && announce) {
              out.write(
                  RawServer.ascii(
                      "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));
            } else {
              out.write(OK);
            }
            out.flush();
          }
        });
  }

  @Test
  void closedModelRunsWeightedTasksForItsDuration() throws Exception {
    long start = System.nanoTime();
    LoadTestReport r =
        LoadTest.builder(server.url("/api/"))
            .task(LoadTask.builder("browse", "/products").weight(3).build())
            .task(
                LoadTask.builder("order", "/orders?body=created")
                    .method("POST")
                    .body("{}")
                    .weight(1)
                    .build())
            .closedModel(4, 100)
            .thinkTime(Duration.ZERO, Duration.ofMillis(2))
            .duration(Duration.ofMillis(1200))
            .threshold("error_rate<1%")
            .threshold("p99<5s")
            .build()
            .run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(r.durationS()).isLessThan(2.2);
    assertThat(r.model()).isEqualTo("closed");
    assertThat(r.requests()).isGreaterThan(10);
    assertThat(r.errors()).isZero();
    assertThat(r.passed()).isTrue();
    long browse = r.task("browse").orElseThrow().requests();
    long order = r.task("order").orElseThrow().requests();
    assertThat(browse + order).isEqualTo(r.requests());
    if (r.requests() >= 100) { // weights 3:1; too few samples on a starved machine say nothing
      assertThat((double) browse / r.requests()).isBetween(0.6, 0.9);
    }
    assertThat(r.latencyMs().p50()).isPositive().isLessThanOrEqualTo(r.latencyMs().p99());
    assertThat(r.timeseries()).isNotEmpty();
    assertThat(r.timeseries().stream().mapToLong(SecondStats::requests).sum())
        .isEqualTo(r.requests());
    assertThat(server.requests).anySatisfy(q -> assertThat(q.path()).isEqualTo("/api/products"));
    assertThat(server.requests)
        .anySatisfy(
            q -> {
              assertThat(q.method()).isEqualTo("POST");
              assertThat(q.body()).isEqualTo("{}");
            });
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertThat(json.path("requests").asLong()).isEqualTo(r.requests());
    for (String f : List.of("rps", "errors", "error_rate")) {
      assertThat(json.has(f)).as(f).isTrue();
    }
    for (String p : List.of("p50", "p90", "p95", "p99", "max")) {
      assertThat(json.path("latency_ms").has(p)).as(p).isTrue();
    }
    assertThat(json.path("tasks").get(0).path("latency_ms").has("p95")).isTrue();
    assertThat(json.path("timeseries").get(0).has("second")).isTrue();
  }

  @Test
  void openModelSendsAtTheConfiguredRate() throws Exception {
    LoadTestReport r =
        LoadTest.builder(server.url("/"))
            .task(LoadTask.get("root", "/rate"))
            .openModel(200)
            .connections(8)
            .duration(Duration.ofSeconds(1))
            .threshold("rps>=100")
            .build()
            .run();
    assertThat(r.model()).isEqualTo("open");
    assertThat(r.requests() + r.unfinished()).isBetween(190L, 201L);
    assertThat(r.errors()).isZero();
    assertThat(r.passed()).isTrue();
  }

  @Test
  void openModelMeasuresFromTheIntendedSendTime() throws Exception {
    // One connection, a 100 ms service time and 50 requests due per second: requests queue, and
    // their waiting must show in the latency (coordinated omission corrected).
    LoadTestReport r =
        LoadTest.builder(server.url("/"))
            .task(LoadTask.get("slow", "/s?delayMs=100"))
            .openModel(50)
            .connections(1)
            .duration(Duration.ofMillis(1500))
            .threshold("p99<150ms")
            .build()
            .run();
    // The second request was due 20 ms after the start but could only be sent after the first
    // answered (>= 100 ms): measured from its intended time it took at least 180 ms.
    assertThat(r.requests()).isBetween(2L, 16L);
    assertThat(r.latencyMs().max()).isGreaterThanOrEqualTo(180);
    assertThat(r.unfinished()).isGreaterThan(30);
    assertThat(r.passed()).isFalse();
    assertThat(r.thresholds().get(0).message()).startsWith("p99 was ");
  }

  @Test
  void openModelRequestsDueDuringTheWarmupAreNotMeasured() throws Exception {
    // Regression: a stall during the warm-up left a backlog of requests that were due then; they
    // completed after the warm-up and were counted with their full lateness (seen as a 1.15 s p99
    // at 20,000 req/s in ffe-benchmarks/scripts/loadgen-vs-wrk.sh).
    try (TestHttpServer stalling = TestHttpServer.start()) {
      LoadTestReport r =
          LoadTest.builder(stalling.url("/"))
              .task(LoadTask.get("t", "/x?slowFirst=1&delayMs=500"))
              .openModel(10)
              .connections(1)
              .warmup(Duration.ofMillis(450))
              .duration(Duration.ofMillis(1000))
              .build()
              .run();
      // The first request (due at 0 ms) took 500 ms; those due at 100..400 ms waited behind it
      // and ended after the warm-up. Only the ~10 requests due in the measured second may count
      // (finished or not); the warm-up's 5 must not (they did: 15 before the fix).
      assertThat(r.requests()).as(r.toJson()).isGreaterThan(0);
      assertThat(r.requests() + r.unfinished()).as(r.toJson()).isLessThanOrEqualTo(11);
    }
  }

  @Test
  void serverClosingKeepAliveConnectionsIsNotAnError() throws Exception {

    try (RawServer announced = closingAfter(5, true);
        RawServer silent = closingAfter(5, false)) {
      for (RawServer raw : List.of(announced, silent)) {
        LoadTestReport r =
            LoadTest.builder(raw.url("/"))
                .task(LoadTask.get("t", "/"))
                .closedModel(2, 1000)
                .thinkTime(Duration.ofMillis(1), Duration.ofMillis(2))
                .duration(Duration.ofMillis(1500))
                .build()
                .run();
        // more requests than one connection serves: the client reconnected without errors
        assertThat(r.requests()).isGreaterThan(5);
        assertThat(r.errors()).as("errors %s", r.tasks().get(0).errorReasons()).isZero();
        assertThat(raw.connections.get()).isGreaterThan(1);
      }
    }
  }

  @Test
  void warmupIsRunButNotMeasured() throws Exception {
    int before = server.count.get();
    LoadTestReport r =
        LoadTest.builder(server.url("/"))
            .task(LoadTask.get("w", "/warmup-test"))
            .openModel(100)
            .connections(4)
            .warmup(Duration.ofMillis(500))
            .duration(Duration.ofMillis(500))
            .build()
            .run();
    int served = server.count.get() - before;
    assertThat(r.durationS()).isBetween(0.45, 1.5);
    assertThat(r.requests()).isLessThan(served);
    assertThat(r.requests() + r.unfinished()).isBetween(35L, 60L);
    assertThat(r.timeseries()).allSatisfy(s -> assertThat(s.second()).isLessThanOrEqualTo(1.5));
    assertThat(r.timeseries().stream().mapToLong(SecondStats::requests).sum())
        .isEqualTo(r.requests());
    assertThatThrownBy(() -> LoadTest.builder("http://x/").warmup(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetsGarbageAndStallsAreCountedAsErrorsAndNothingHangs() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RawServer reset =
            new RawServer(
                s -> {
                  RawServer.readRequestHead(s.getInputStream());
                  s.setSoLinger(true, 0);
                });
        RawServer garbage =
            new RawServer(
                s -> {
                  RawServer.readRequestHead(s.getInputStream());
                  s.getOutputStream().write(RawServer.ascii("NOT HTTP AT ALL\r\n\r\n"));
                  s.getOutputStream().flush();
                  s.getInputStream().read();
                });
        RawServer stall =
            new RawServer(
                s -> {
                  RawServer.readRequestHead(s.getInputStream());
                  try {
                    release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })) {
      LoadTestReport r1 = quick(reset.url("/"));
      assertThat(r1.errors()).isPositive().isEqualTo(r1.requests());
      LoadTestReport r2 = quick(garbage.url("/"));
      assertThat(r2.errors()).isPositive();
      assertThat(r2.tasks().get(0).errorReasons().keySet())
          .anySatisfy(k -> assertThat(k).startsWith("invalid response"));
      long start = System.nanoTime();
      LoadTestReport r3 = quick(stall.url("/"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(r3.tasks().get(0).errorReasons().keySet())
          .anySatisfy(k -> assertThat(k).startsWith("timeout"));
    } finally {
      release.countDown();
    }
  }

  private static LoadTestReport quick(String url) throws InterruptedException {
    return LoadTest.builder(url)
        .task(LoadTask.get("t", "/"))
        .closedModel(2, 1000)
        .requestTimeout(Duration.ofMillis(200))
        .duration(Duration.ofMillis(1000))
        .build()
        .run();
  }

  @Test
  void refusedConnectionsAreErrorsWithoutABusyLoop() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LoadTestReport r = quick("http://127.0.0.1:" + port + "/");
    assertThat(r.errors()).isPositive().isLessThan(100);
    assertThat(r.tasks().get(0).errorReasons()).containsKey("connection refused");
    assertThat(r.passed()).isTrue();
  }

  @Test
  void cancelStopsTheLoadPromptly() throws Exception {
    AtomicReference<Runnable> stop = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    LoadTest test =
        LoadTest.builder(server.url("/"))
            .task(LoadTask.get("t", "/c"))
            .closedModel(2, 100)
            .thinkTime(Duration.ofMillis(5), Duration.ofMillis(10))
            .duration(Duration.ofMinutes(5))
            .build();
    CompletableFuture<LoadTestReport> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return test.run(
                    s -> {
                      stop.set(s);
                      started.countDown();
                    });
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    stop.get().run();
    LoadTestReport r = run.get(5, TimeUnit.SECONDS);
    assertThat(r.cancelled()).isTrue();
    assertThat(r.durationS()).isLessThan(5);
  }

  @Test
  void thresholdsAreAPureFunctionOfTheReport() {
    LoadTestReport report =
        new LoadTestReport(
            "open",
            "http://x/",
            10,
            1000,
            100.0,
            5,
            0.005,
            new LatencyStats(120, 300, 450, 900, 1500, 150, 2),
            0,
            List.of(),
            List.of(),
            List.of(),
            true,
            false);
    LoadTestReport judged =
        report.judgedBy(
            List.of(
                Threshold.parse("p95<500ms"),
                Threshold.parse("rps>=100"),
                Threshold.parse("error_rate<1%")));
    assertThat(judged.passed()).isTrue();
    LoadTestReport failed =
        report.judgedBy(List.of(Threshold.parse("p99<500ms"), Threshold.parse("rps>100")));
    assertThat(failed.passed()).isFalse();
    assertThat(failed.level()).isEqualTo(AlertLevel.CRITICAL);
    assertThat(failed.summary())
        .contains("p99 was 900 ms, breaking < 500 ms", "rps was 100/s, breaking > 100/s");
    assertThat(failed.measurements()).containsEntry("p95_ms", 450.0);
  }

  @Test
  void badInputIsRejectedBeforeAnythingRuns() {
    assertThatThrownBy(() -> LoadTest.builder("htp://x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").closedModel(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").closedModel(-5, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").closedModel(5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").openModel(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").openModel(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").duration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").duration(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").threshold("p97<5ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown metric");
    assertThatThrownBy(
            () ->
                LoadTest.builder("http://x")
                    .thinkTime(Duration.ofSeconds(3), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTest.builder("http://x").connections(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTask.builder("t", "no-slash"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTask.builder("t", "/").weight(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadTask.builder("t", "/").header("X", "a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                LoadTest.builder("http://x")
                    .duration(Duration.ofSeconds(1))
                    .closedModel(1, 1)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no tasks");
    assertThatThrownBy(
            () ->
                LoadTest.builder("http://x")
                    .task(LoadTask.get("t", "/"))
                    .duration(Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no model");
  }
}
