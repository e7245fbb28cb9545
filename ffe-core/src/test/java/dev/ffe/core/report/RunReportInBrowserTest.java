package dev.ffe.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ffe.core.RunReport;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.testsupport.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian's {@code chromium} package) and checks what a
 * person would get: a screenshot with a real picture in it, the attempt bars in the loaded DOM, a
 * console without errors and no request to the network. Skipped where Chromium is not installed.
 *
 * <p>Chromium's own browser process still tries a few background requests (component updates,
 * account checks) whatever the flags say; every run therefore goes through a proxy on a closed
 * loopback port and a resolver that resolves nothing, so no packet leaves the machine, and the
 * network check looks at the requests the page itself started (those with a page initiator). A
 * control page proves that both the console and the network checks do catch what they look for.
 *
 * <p>Set {@code -Dffe.report.screenshot=../docs/run-report.png} to refresh the committed
 * screenshot.
 */
class RunReportInBrowserTest {
  private static final Pattern ATTEMPT_IN_DOM =
      Pattern.compile("<rect class=\"attempt\" data-step=\"([^\"]*)\" data-attempt=\"(\\d+)\"");

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

  private Path report(String name, String html) throws IOException {
    return Files.writeString(dir.resolve(name + ".html"), html, StandardCharsets.UTF_8);
  }

  /** Returns the http(s) URLs that the page itself requested, from a Chromium net log. */
  static List<String> pageRequests(Path netLog) throws IOException {
    return HeadlessChromium.pageRequests(netLog);
  }

  @Test
  void screenshotShowsAPictureWithoutConsoleErrorsOrNetworkRequests() throws Exception {
    WorkflowResult deployment = ReportFixtures.deployment();
    Path page =
        report("deployment", RunReport.html(deployment, ReportFixtures.deploymentDefinition()));
    Path png = dir.resolve("deployment.png");
    Path netLog = dir.resolve("net-log.json");

    HeadlessChromium.Run run =
        chromium(
            "screenshot",
            "--screenshot=" + png,
            "--window-size=1400,1000",
            "--enable-logging=stderr",
            "--v=1",
            "--log-net-log=" + netLog,
            page.toUri().toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(png).exists();
    assertThat(Files.size(png)).isBetween(20_000L, 1_000_000L);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(1000);
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
    assertThat(nonWhite).as("pixels that are not background").isGreaterThan(samples / 20);
    // The status colours a person looks for are on screen: completed green, failed red, timeout.
    assertThat(colours).contains(0x2e9e4f, 0xd93b3b, 0xf08c00);
    assertThat(run.consoleLines()).isEmpty();
    assertThat(pageRequests(netLog)).isEmpty();

    Path kept = Path.of("target/run-report/deployment.png");
    Files.createDirectories(kept.getParent());
    Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
    String docs = System.getProperty("ffe.report.screenshot", "");
    if (!docs.isEmpty()) {
      Files.copy(png, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void loadedDomHasOneAttemptBarPerAttemptInStartOrder() throws Exception {
    WorkflowResult deployment = ReportFixtures.deployment();
    Path page = report("dom", RunReport.html(deployment));

    HeadlessChromium.Run run = chromium("dom", "--dump-dom", page.toUri().toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    List<ReportFixtures.AttemptKey> bars = new ArrayList<>();
    var m = ATTEMPT_IN_DOM.matcher(run.stdout());
    while (m.find()) {
      bars.add(
          new ReportFixtures.AttemptKey(
              RunReportTest.unescape(m.group(1)), Integer.parseInt(m.group(2))));
    }
    assertThat(bars).containsExactlyElementsOf(ReportFixtures.attemptsInStartOrder(deployment));
    assertThat(run.stdout()).contains("<svg class=\"timeline\"").contains("<svg class=\"graph\"");
  }

  @Test
  void hostileOutputStaysTextInTheBrowser() throws Exception {
    Path page = report("hostile", RunReport.html(ReportFixtures.hostile()));

    HeadlessChromium.Run run =
        chromium(
            "hostile", "--dump-dom", "--enable-logging=stderr", "--v=1", page.toUri().toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("<img")
        .contains("<title>evil&lt;script&gt;alert(1)")
        .contains("&lt;script&gt;alert('out')&lt;/script&gt;");
    assertThat(run.consoleLines()).isEmpty();
  }

  @Test
  void consoleAndNetworkChecksCatchAPageThatMisbehaves() throws Exception {
    // A control: if Chromium's logging changed, the checks above would pass vacuously.
    Path page =
        report(
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
