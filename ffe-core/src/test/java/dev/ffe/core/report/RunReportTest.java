package dev.ffe.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.core.RunReport;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import dev.ffe.core.report.ReportFixtures.AttemptKey;
import dev.ffe.core.testing.FakeAction;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's HTML, checked as text: bars, order, escaping, graph nodes, limits, writing. */
class RunReportTest {
  private static final Pattern ATTEMPT_BAR =
      Pattern.compile(
          "<rect class=\"attempt\" data-step=\"([^\"]*)\" data-attempt=\"(\\d+)\""
              + " data-status=\"([a-z_]+)\" data-start=\"([^\"]+)\"");
  private static final Pattern BACKOFF =
      Pattern.compile(
          "<g class=\"backoff\" data-step=\"([^\"]*)\" data-attempt=\"(\\d+)\">.*?</g>",
          Pattern.DOTALL);
  private static final Pattern NODE =
      Pattern.compile("<g class=\"node\" data-step=\"([^\"]*)\" data-kind=\"([a-z]+)\"");

  private final WorkflowResult deployment = ReportFixtures.deployment();

  /** Returns the attempt bars of a report in document order. */
  static List<AttemptKey> attemptBars(String html) {
    List<AttemptKey> bars = new ArrayList<>();
    Matcher m = ATTEMPT_BAR.matcher(html);
    while (m.find()) {
      bars.add(new AttemptKey(unescape(m.group(1)), Integer.parseInt(m.group(2))));
    }
    return bars;
  }

  static String unescape(String attribute) {
    return attribute
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  @Test
  void keepsTheSampleReportUnderTargetForPeopleAndCiArtifacts() throws IOException {
    Path file =
        RunReport.write(
            deployment,
            ReportFixtures.deploymentDefinition(),
            Path.of("target/run-report/deployment.html"));

    assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("<h1>deployment");
  }

  @Test
  void drawsOneBarPerLeafAttemptInStartOrder() {
    String html = RunReport.html(deployment);

    List<AttemptKey> bars = attemptBars(html);
    assertThat(bars).containsExactlyElementsOf(ReportFixtures.attemptsInStartOrder(deployment));
    assertThat(bars)
        .filteredOn(b -> b.step().equals("pre-deployment/backup"))
        .extracting(AttemptKey::attempt)
        .containsExactly(1, 2, 3);
    List<Instant> starts = new ArrayList<>();
    Matcher m = ATTEMPT_BAR.matcher(html);
    while (m.find()) {
      starts.add(Instant.parse(m.group(4)));
    }
    assertThat(starts).isSorted();
  }

  @Test
  void colorsBarsByAttemptStatusAndMarksTimeouts() {
    String html = RunReport.html(deployment);

    Matcher m = ATTEMPT_BAR.matcher(html);
    List<String> backupStatuses = new ArrayList<>();
    String warmupStatus = null;
    while (m.find()) {
      if (m.group(1).equals("pre-deployment/backup")) {
        backupStatuses.add(m.group(3));
      } else if (m.group(1).equals("pre-deployment/cache-warmup")) {
        warmupStatus = m.group(3);
      }
    }
    assertThat(backupStatuses).containsExactly("failed", "failed", "completed");
    assertThat(warmupStatus).isEqualTo("timed_out");
    assertThat(html).contains("fill=\"#d93b3b\"").contains("fill=\"#f08c00\"");
  }

  @Test
  void showsEachBackoffDelayAsALabelledGapBeforeItsRetry() {
    String html = RunReport.html(deployment);

    List<String> gaps = new ArrayList<>();
    Matcher m = BACKOFF.matcher(html);
    while (m.find()) {
      gaps.add(m.group(1) + "#" + m.group(2));
      if (m.group(1).equals("pre-deployment/backup")) {
        assertThat(m.group()).contains("url(#backoff-hatch)");
        assertThat(m.group()).contains(m.group(2).equals("2") ? ">1s<" : ">2s<");
      }
    }
    assertThat(gaps).contains("pre-deployment/backup#2", "pre-deployment/backup#3", "deploy#2");
  }

  @Test
  void hasATimeAxisWithReadableTicks() {
    String html = RunReport.html(deployment);

    List<String> ticks = new ArrayList<>();
    Matcher m = Pattern.compile("<text class=\"tick\"[^>]*>([^<]*)</text>").matcher(html);
    while (m.find()) {
      ticks.add(m.group(1));
    }
    assertThat(ticks).hasSizeBetween(5, 16).startsWith("0").contains("1s", "2s");
  }

  @Test
  void labelsTheAxisOfLongRunsInMinutesAndHours() {
    Instant t0 = TestWorkflowExecutor.DEFAULT_START;
    Instant t1 = t0.plus(java.time.Duration.ofMinutes(95));
    StepResult sync =
        new StepResult(
            "sync",
            "sync",
            StepStatus.COMPLETED,
            t0,
            t1,
            List.of(
                new dev.ffe.core.AttemptResult(
                    1, t0, t1, java.time.Duration.ZERO, StepStatus.COMPLETED, null)),
            null,
            null,
            null,
            List.of(),
            null,
            null);
    WorkflowResult result =
        new WorkflowResult(
            new StepResult(
                "nightly",
                "",
                StepStatus.COMPLETED,
                t0,
                t1,
                List.of(),
                null,
                null,
                null,
                List.of(sync),
                null,
                null));

    String html = RunReport.html(result);

    assertThat(html).contains(">10m</text>").contains(">1h</text>").contains(">1h30m</text>");
    assertThat(html).contains("duration 1h35m");
  }

  @Test
  void escapesHostileNamesOutputsAndErrors() {
    WorkflowResult hostile = ReportFixtures.hostile();

    String html = RunReport.html(hostile);

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
    assertThat(html)
        .contains("evil&lt;script&gt;alert(1)")
        .contains("&lt;script&gt;alert(&#39;out&#39;)&lt;/script&gt;")
        .contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;")
        .contains("data-step=\"fetch&quot;&gt;&lt;img src=x onerror=alert(2)&gt;\"");
    assertThat(attemptBars(html))
        .extracting(AttemptKey::step)
        .contains("fetch\"><img src=x onerror=alert(2)>", "parse");
  }

  @Test
  void forbidsScriptsAndNetworkThroughItsContentSecurityPolicy() {
    String html = RunReport.html(deployment);

    assertThat(html)
        .contains(
            "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("@import")
        .doesNotContain("url(http");
  }

  @Test
  void drawsAGraphNodePerStepWithFanOutForParallelGroups() {
    String html = RunReport.html(deployment);

    List<String> nodes = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    Matcher m = NODE.matcher(html);
    while (m.find()) {
      nodes.add(m.group(1));
      kinds.add(m.group(1) + "=" + m.group(2));
    }
    assertThat(nodes)
        .containsExactlyInAnyOrderElementsOf(
            ReportFixtures.allSteps(deployment).stream().map(StepResult::path).toList());
    assertThat(kinds)
        .contains(
            "=sequential",
            "pre-deployment=parallel",
            "pre-deployment/backup=leaf",
            "pre-deployment/backup/remove-backup=leaf",
            "deploy/rollback=leaf");
    assertThat(html).contains("class=\"edge fan-out\"").contains("class=\"edge fan-in\"");
    assertThat(html)
        .contains("data-step=\"deploy/rollback\" data-kind=\"leaf\"")
        .contains("data-role=\"compensation\"")
        .contains("data-role=\"always\"");
  }

  @Test
  void takesGroupTypesFromTheDefinitionWhenTimingCannotTell() {
    // Instantaneous parallel children do not overlap on the clock: only the definition knows.
    WorkflowStep definition =
        WorkflowStep.parallel(
            "fan",
            WorkflowStep.action("a", FakeAction.succeeding("a")),
            WorkflowStep.action("b", FakeAction.succeeding("b")));
    WorkflowResult result = TestWorkflowExecutor.create().run(definition);

    assertThat(RunReport.html(result)).contains("data-step=\"\" data-kind=\"sequential\"");
    assertThat(RunReport.html(result, definition))
        .contains("data-step=\"\" data-kind=\"parallel\"")
        .doesNotContain("inferred from timing");
  }

  @Test
  void listsEveryStepWithStatusAttemptsOutputAndError() {
    String html = RunReport.html(deployment);

    for (StepResult step : ReportFixtures.allSteps(deployment)) {
      assertThat(html).contains("<tr data-step=\"" + step.path() + "\"");
    }
    assertThat(html)
        .contains("image pull failed: registry answered 503")
        .contains("disk busy: /var/backups is locked")
        .contains("&quot;sha256&quot;:&quot;338bc9fac96c")
        .contains("posted to #ops")
        .contains("after 2s backoff");
    assertThat(deployment.requireStep("post-deployment/monitoring").status())
        .isIn(StepStatus.SKIPPED, StepStatus.PENDING);
    assertThat(html).contains("class=\"not-run\" data-step=\"post-deployment/monitoring\"");
  }

  @Test
  void truncatesLongOutputAndKeepsThePreviewOnOneLine() {
    String huge = "x".repeat(20_000);
    WorkflowResult result =
        TestWorkflowExecutor.create().run(WorkflowStep.action("dump", FakeAction.succeeding(huge)));

    String html = RunReport.html(result);

    assertThat(html).doesNotContain(huge.substring(0, 4001)).contains("(+16000 chars)");
    assertThat(html).contains("<details class=\"output\">");
  }

  @Test
  void rendersDeepTreesWithoutRecursingAndLeavesTheGraphOutAboveItsLimit() {
    WorkflowResult deep = ReportFixtures.deepChain(2_500);

    String html = RunReport.html(deep);

    assertThat(html).contains("The graph is left out: the workflow has 2502 steps");
    assertThat(html).contains("Showing the first 2000 of 2502 steps");
  }

  @Test
  void rendersAResultReadBackFromItsJsonFile(@TempDir Path dir) {
    Path json = deployment.writeJson(dir);

    String html = RunReport.html(WorkflowResult.readJson(json));

    assertThat(attemptBars(html))
        .containsExactlyElementsOf(ReportFixtures.attemptsInStartOrder(deployment));
    assertThat(html).contains("pre-deployment\" data-kind=\"parallel\"");
  }

  @Test
  void writesTheReportAtomicallyCreatingItsDirectory(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("logs/nested/report.html");

    Path written = RunReport.write(deployment, file);

    assertThat(written).isEqualTo(file);
    assertThat(Files.readString(file)).isEqualTo(RunReport.html(deployment));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
    RunReport.write(deployment, ReportFixtures.deploymentDefinition(), file);
    assertThat(Files.readString(file))
        .isEqualTo(RunReport.html(deployment, ReportFixtures.deploymentDefinition()));
  }

  @Test
  void namesTheFileWhenTheReportCannotBeWritten(@TempDir Path dir) throws IOException {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");

    assertThatThrownBy(() -> RunReport.write(deployment, blocker.resolve("report.html")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("not-a-dir")
        .hasMessageContaining("deployment");
  }

  @Test
  void rendersARunThatNeverStarted() {
    StepResult pending =
        new StepResult(
            "backup",
            "backup",
            StepStatus.PENDING,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            List.of(),
            null,
            null);
    WorkflowResult neverStarted =
        new WorkflowResult(
            new StepResult(
                "nightly",
                "",
                StepStatus.CANCELLED,
                null,
                null,
                List.of(),
                null,
                "cancelled before it started",
                null,
                List.of(pending),
                null,
                null));

    String html = RunReport.html(neverStarted);

    assertThat(html)
        .contains("started never")
        .contains("class=\"not-run\" data-step=\"backup\"")
        .contains("cancelled before it started");
    assertThat(attemptBars(html)).isEmpty();
  }

  @Test
  void rejectsNullArgumentsByName() {
    assertThatThrownBy(() -> RunReport.html(null)).hasMessage("result == null");
    assertThatThrownBy(() -> RunReport.html(deployment, null)).hasMessage("definition == null");
    assertThatThrownBy(() -> RunReport.write(deployment, null)).hasMessage("file == null");
  }
}
