package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ffe.core.StepParameters;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadTestHtmlReportTest {
  static TestHttpServer server;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestHttpServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** Returns the {@code data-second} values of the circles of {@code pointClass}, in order. */
  static List<Integer> seconds(String html, String pointClass) {
    Matcher m =
        Pattern.compile("<circle class=\"" + pointClass + "\" data-second=\"(\\d+)\"")
            .matcher(html);
    List<Integer> seconds = new ArrayList<>();
    while (m.find()) {
      seconds.add(Integer.parseInt(m.group(1)));
    }
    return seconds;
  }

  static List<String> matches(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static List<Integer> oneTo(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void everyTimeChartHasOnePointPerSecondOfTheTest() {
    String html = LoadTestReportFixtures.shop().toHtml();

    List<Integer> expected = oneTo(LoadTestReportFixtures.SECONDS);
    for (String series :
        List.of("rps-point", "error-point", "p50-point", "p95-point", "p99-point")) {
      assertThat(seconds(html, series)).as(series).isEqualTo(expected);
    }
    // Second 17 of the fixture: 50 users at 0.62 of 19.5 requests each, plus 17 % 3 * 7.
    assertThat(html).contains("second 17 (t=17 s): 619.0 requests/s, 619 requests, 50 users");
  }

  @Test
  void distributionChartHasAPointPerPercentileUpToTheMaximum() {
    LoadTestReport report = LoadTestReportFixtures.shop();
    String html = report.toHtml();

    assertThat(matches(html, "<circle class=\"distribution-point\" data-percentile=\"([0-9.]+)\""))
        .hasSize(report.latencyDistribution().size())
        .startsWith("0", "10")
        .endsWith("99.999", "100");
    assertThat(html).contains("<title>p99.9: 352 ms</title>", "<title>max: 611 ms</title>");
    assertThat(html).contains(">99.99 %</text>", ">max</text>");
  }

  @Test
  void taskTableHasOneRowPerTaskInTheReportsOrder() {
    String html = LoadTestReportFixtures.shop().toHtml();

    assertThat(matches(html, "<tr class=\"task[^\"]*\" data-task=\"([^\"]*)\""))
        .containsExactly("browse", "search", "checkout");
    assertThat(html)
        .contains("<td class=\"reasons\">status 503: ")
        .contains("connection reset: 10</td>");
  }

  @Test
  void thresholdsShowWhichPassedAndWhichFailed() {
    String html = LoadTestReportFixtures.shop().toHtml();

    assertThat(matches(html, "<tr class=\"threshold pass\" data-threshold=\"([^\"]*)\""))
        .containsExactly("p95&lt;500ms", "rps&gt;=100");
    assertThat(matches(html, "<tr class=\"threshold fail\" data-threshold=\"([^\"]*)\""))
        .containsExactly("p99&lt;100ms", "error_rate&lt;1%");
    assertThat(html)
        .contains("p99 was 141 ms, breaking &lt; 100 ms")
        .contains("2 of 4 passed")
        .contains(">FAILED</span>")
        .contains("<title>Load test http://shop.test:8080/ \u2014 FAILED");
  }

  @Test
  void pageIsSelfContainedWithAStrictContentSecurityPolicy() {
    String html = LoadTestReportFixtures.shop().toHtml();

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'; img-src data:\">")
        .doesNotContainIgnoringCase("<script")
        .doesNotContain("src=")
        .doesNotContain("href=")
        .doesNotContain("url(")
        .contains(
            "<svg class=\"throughput\"", "<svg class=\"latency\"", "<svg class=\"distribution\"");
    // The only absolute URL besides the target is the SVG namespace, which is never fetched.
    assertThat(matches(html, "(https?://[^\"<\\s]*)"))
        .allMatch(
            u -> u.equals("http://www.w3.org/2000/svg") || u.equals("http://shop.test:8080/"));
  }

  @Test
  void everyTextFromTheReportIsEscaped() {
    String html = LoadTestReportFixtures.hostile().toHtml();

    assertThat(html)
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<img")
        .doesNotContain("\u0000")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=")
        .contains("&amp;amp;")
        .contains("\uFFFD: 1</td>");
    assertThat(matches(html, "data-task=\"([^\"]*)\"")).hasSize(1);
  }

  @Test
  void emptyReportSaysWhatIsMissingInsteadOfDrawingEmptyCharts() {
    LoadTestReport empty =
        new LoadTestReport(
            "open",
            "http://x.test/",
            0,
            0,
            0,
            0,
            0,
            new LatencyStats(0, 0, 0, 0, 0, 0, 0),
            0,
            List.of(),
            List.of(),
            List.of(),
            true,
            true);

    String html = empty.toHtml();

    assertThat(html)
        .contains("No thresholds were set")
        .contains("The test recorded no per-second samples.")
        .contains("No distribution")
        .contains("The report lists no tasks.")
        .contains(">CANCELLED</span>")
        .contains("coordinated omission corrected")
        .doesNotContain("<svg");
  }

  @Test
  void writeHtmlReplacesTheFileAtomicallyAndCreatesTheDirectory() throws Exception {
    Path file = dir.resolve("a/b/report.html");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "old");

    assertThat(LoadTestReportFixtures.shop().writeHtml(file)).isEqualTo(file);

    assertThat(Files.readString(file)).isEqualTo(LoadTestReportFixtures.shop().toHtml());
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void writeHtmlFailsNamingTheFileAndLeavesNoTemporaryFile() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain"), "x");

    assertThatThrownBy(
            () -> LoadTestReportFixtures.shop().writeHtml(notADirectory.resolve("r.html")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("r.html");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(notADirectory);
    }
  }

  @Test
  void realLoadTestWritesJsonAndHtmlReportsIntoItsReportDirectory() throws Exception {
    Path reports = dir.resolve("reports");

    LoadTestReport report =
        LoadTest.builder(server.url("/"))
            .task(LoadTask.builder("browse", "/products").weight(3).build())
            .task(LoadTask.get("broken", "/oops?status=503"))
            .closedModel(2, 100)
            .duration(Duration.ofMillis(2500))
            .threshold("p99<10s")
            .threshold("errors==0")
            .reportDirectory(reports)
            .build()
            .run();

    String html = Files.readString(reports.resolve(LoadTestReport.HTML_FILE));
    JsonNode json = new ObjectMapper().readTree(reports.resolve(LoadTestReport.JSON_FILE).toFile());
    int points = report.timeseries().size();
    assertThat(points).isBetween(2, 4);
    assertThat(seconds(html, "rps-point")).isEqualTo(oneTo(points));
    assertThat(seconds(html, "p99-point")).isEqualTo(oneTo(points));
    assertThat(matches(html, "data-task=\"([^\"]*)\"")).containsExactly("browse", "broken");
    assertThat(matches(html, "<tr class=\"threshold (\\w+)\"")).containsExactly("pass", "fail");
    assertThat(json.get("timeseries")).hasSize(points);
    assertThat(json.get("latency_distribution").get(0).get("percentile").asDouble()).isZero();
    JsonNode last =
        json.get("latency_distribution").get(json.get("latency_distribution").size() - 1);
    assertThat(last.get("percentile").asDouble()).isEqualTo(100);
    assertThat(last.get("latency_ms").asDouble()).isEqualTo(report.latencyMs().max());
    assertThat(report.latencyDistribution())
        .isSortedAccordingTo((a, b) -> Double.compare(a.latencyMs(), b.latencyMs()));
    assertThat(html).isEqualTo(report.toHtml());
  }

  @Test
  void workflowStepWritesBothReportsBeforeFailingOnABrokenThreshold() throws Exception {
    Path reports = dir.resolve("step-reports");
    WorkflowStep step =
        new HttpStepProvider()
            .create(
                "http.load-test",
                "load",
                new StepParameters(
                    "step 'load' (http.load-test)",
                    Map.of(
                        "url",
                        server.url("/"),
                        "tasks",
                        Map.of("home", "/home"),
                        "users",
                        1,
                        "spawn_rate",
                        10,
                        "duration",
                        "1s",
                        "thresholds",
                        List.of("requests==0"),
                        "report_directory",
                        reports.toString())));

    WorkflowResult result = TestWorkflowExecutor.create().run(WorkflowStep.sequential("w", step));

    assertThat(result.success()).isFalse();
    assertThat(Files.readString(reports.resolve(LoadTestReport.HTML_FILE)))
        .contains("<tr class=\"threshold fail\" data-threshold=\"requests==0\"");
    assertThat(Files.readString(reports.resolve(LoadTestReport.JSON_FILE)))
        .contains("\"passed\" : false");
  }

  @Test
  void loadTestMainWritesTheHtmlReportWhenAsked() throws Exception {
    Path html = dir.resolve("main.html");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        LoadTestMain.run(
            new String[] {
              server.url("/ok"), "--users", "1", "--duration", "1s", "--html", html.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.readString(html)).contains("<svg class=\"throughput\"");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"latency_distribution\"");
  }

  @Test
  void percentileOutsideZeroToHundredIsRejected() {
    assertThatThrownBy(() -> new LatencyPercentile(100.5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100.5");
    assertThatThrownBy(() -> new LatencyPercentile(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
