package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ffe.core.testsupport.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the load-test report in headless Chromium (Debian's {@code chromium} package) and checks
 * what a person would get: a screenshot with the charts in it, a point per second in the loaded
 * DOM, a console without errors and no request to the network. Skipped where Chromium is not
 * installed. Same approach as ffe-core's {@code RunReportInBrowserTest}: every run goes through a
 * proxy on a closed loopback port and a resolver that resolves nothing, the network check counts
 * only requests the page itself started, and a control page proves both checks can fail.
 *
 * <p>Set {@code -Dffe.report.screenshot=../docs/load-test-report.png} to refresh the committed
 * screenshot.
 */
class LoadTestReportInBrowserTest {

  @TempDir Path dir;

  @BeforeAll
  static void requireChromium() {
    Assumptions.assumeTrue(
        HeadlessChromium.installed(),
        "headless Chromium is not installed: apt-get install -y chromium");
  }

  private HeadlessChromium.Run chromium(String name, String... args)
      throws IOException, InterruptedException {
    return HeadlessChromium.requireInstalled(dir).run(name, args);
  }

  private Path page(String name, String html) throws IOException {
    return Files.writeString(dir.resolve(name + ".html"), html, StandardCharsets.UTF_8);
  }

  /** Returns the http(s) URLs that the page itself requested, from a Chromium net log. */
  static List<String> pageRequests(Path netLog) throws IOException {
    return HeadlessChromium.pageRequests(netLog);
  }

  @Test
  void screenshotShowsTheChartsWithoutConsoleErrorsOrNetworkRequests() throws Exception {
    Path page = page("shop", LoadTestReportFixtures.shop().toHtml());
    Path png = dir.resolve("shop.png");
    Path netLog = dir.resolve("net-log.json");

    HeadlessChromium.Run run =
        chromium(
            "screenshot",
            "--screenshot=" + png,
            "--window-size=1280,1500",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=1",
            "--log-net-log=" + netLog,
            page.toUri().toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(png).exists();
    assertThat(Files.size(png)).isBetween(20_000L, 300_000L);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    Set<Integer> colours = new HashSet<>();
    int nonWhite = 0;
    int samples = 0;
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        samples++;
        if (rgb != 0xffffff) {
          nonWhite++;
        }
      }
    }
    assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(50);
    assertThat(nonWhite).as("pixels that are not background").isGreaterThan(samples / 50);
    // The verdict colours a person looks for are on screen: pass green, fail red.
    assertThat(colours).contains(0x2e9e4f, 0xd93b3b);
    assertThat(run.consoleLines()).isEmpty();
    assertThat(pageRequests(netLog)).isEmpty();

    Path kept = Path.of("target/load-test-report/shop.png");
    Files.createDirectories(kept.getParent());
    Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(page, kept.resolveSibling("shop.html"), StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getProperty("ffe.report.screenshot", "");
    if (!docs.isEmpty()) {
      Files.copy(png, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void loadedDomHasAPointForEverySecondAndHostileTextStaysText() throws Exception {
    Path shop = page("dom", LoadTestReportFixtures.shop().toHtml());
    Path hostile = page("hostile", LoadTestReportFixtures.hostile().toHtml());

    HeadlessChromium.Run run =
        chromium("dom", "--dump-dom", "--enable-logging=stderr", "--v=1", shop.toUri().toString());
    HeadlessChromium.Run evil =
        chromium(
            "evil", "--dump-dom", "--enable-logging=stderr", "--v=1", hostile.toUri().toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<Integer> everySecond =
        IntStream.rangeClosed(1, LoadTestReportFixtures.SECONDS).boxed().toList();
    for (String series :
        List.of("rps-point", "error-point", "p50-point", "p95-point", "p99-point")) {
      assertThat(LoadTestHtmlReportTest.seconds(run.stdout(), series))
          .as(series)
          .isEqualTo(everySecond);
    }
    assertThat(LoadTestHtmlReportTest.matches(run.stdout(), "data-task=\"([^\"]*)\""))
        .containsExactly("browse", "search", "checkout");
    assertThat(run.consoleLines()).isEmpty();
    assertThat(evil.exitCode()).as(evil.stderr()).isZero();
    assertThat(evil.stdout())
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<img")
        .contains("&lt;script&gt;alert('x')&lt;/script&gt;");
    assertThat(evil.consoleLines()).isEmpty();
  }

  @Test
  void consoleAndNetworkChecksCatchAPageThatMisbehaves() throws Exception {
    // A control: if Chromium's logging changed, the checks above would pass vacuously.
    Path page =
        page(
            "control",
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>control</p>"
                + "<img src=\"http://127.0.0.1:9/x.png\">"
                + "<script>undefinedFunction();</script></body></html>");
    Path netLog = dir.resolve("control-net-log.json");

    HeadlessChromium.Run run =
        chromium(
            "control",
            "--dump-dom",
            "--enable-logging=stderr",
            "--v=1",
            "--log-net-log=" + netLog,
            page.toUri().toString());

    assertThat(run.consoleLines()).anyMatch(l -> l.contains("Uncaught"));
    assertThat(pageRequests(netLog)).contains("http://127.0.0.1:9/x.png");
  }
}
