package dev.ffe.examples;

import static dev.ffe.examples.CliTest.ffe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ffe.examples.internal.DemoFiles;
import dev.ffe.examples.internal.DemoService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCommandsTest {
  @TempDir Path dir;
  private DemoService service;

  @BeforeEach
  void startService() {
    service = DemoService.start(dir.resolve("service"));
  }

  @AfterEach
  void stopService() {
    service.close();
  }

  @Test
  void healthReportsTheSeedFieldsAndExitsOneWhenCritical() throws Exception {
    CliTest.Run ok = ffe("health", service.url("/health"), "--timeout", "5s", "--json");
    assertThat(ok.exit()).as(ok.err()).isZero();
    JsonNode doc = ok.json();
    assertThat(doc.get("status").asInt()).isEqualTo(200);
    // a slow machine may grade the first request WARNING; it is never CRITICAL
    assertThat(doc.get("level").asText()).isIn("INFO", "WARNING");
    assertThat(doc.has("latency_ms")).isTrue();
    assertThat(doc.has("reason")).isTrue();

    CliTest.Run missing = ffe("health", service.url("/nope"), "--expect-status", "200");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(ffe("health", service.url("/nope"), "--expect-status", "404").exit()).isZero();
  }

  @Test
  void perfReportsLatencyPerEndpoint() throws Exception {
    CliTest.Run run =
        ffe(
            "perf",
            service.url("/api/users"),
            service.url("/api/orders"),
            "--requests",
            "20",
            "--threshold",
            "errors==0",
            "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode endpoint = run.json().get("endpoints").get(1);
    assertThat(endpoint.get("url").asText()).endsWith("/api/orders");
    for (String field : new String[] {"mean_ms", "median_ms", "p95_ms", "min_ms", "max_ms"}) {
      assertThat(endpoint.get(field).asDouble()).as(field).isPositive();
    }
    assertThat(endpoint.get("errors").asLong()).isZero();
    assertThat(ffe("perf", service.url("/api/users"), "--requests", "5").out()).contains("p95");
  }

  @Test
  void loadtestReportsThroughputAndPercentiles() throws Exception {
    CliTest.Run run =
        ffe(
            "loadtest",
            service.url("/api/users"),
            "--users",
            "4",
            "--spawn-rate",
            "4",
            "--duration",
            "1s",
            "--threshold",
            "error_rate<1%",
            "--json");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode doc = run.json();
    // Counts depend on the machine; the shape and the verdict do not.
    assertThat(doc.get("requests").asLong()).isNotNegative();
    assertThat(doc.get("errors").asLong()).isZero();
    assertThat(doc.get("rps").isNumber()).isTrue();
    assertThat(doc.get("error_rate").isNumber()).isTrue();
    assertThat(doc.get("latency_ms").fieldNames())
        .toIterable()
        .containsExactly("p50", "p90", "p95", "p99", "max");

    CliTest.Run open = ffe("loadtest", service.url("/health"), "--rate", "20", "--duration", "1s");
    assertThat(open.exit()).as(open.err()).isZero();
    assertThat(ffe("loadtest", service.url("/"), "--duration", "1s").exit()).isEqualTo(2);
    assertThat(ffe("loadtest", "not a url", "--users", "1", "--duration", "1s").exit())
        .isEqualTo(2);
  }

  @Test
  void loadtestWritesASelfContainedHtmlReportWhenAsked() throws Exception {
    Path html = dir.resolve("reports/load.html");

    CliTest.Run run =
        ffe(
            "loadtest",
            service.url("/api/users"),
            "--users",
            "2",
            "--duration",
            "2s",
            "--threshold",
            "error_rate<1%",
            "--threshold",
            "requests==0",
            "--html",
            html.toString(),
            "--json");

    // requests==0 breaks on purpose: the page must show a failed threshold too.
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.json().get("html").asText()).isEqualTo(html.toString());
    String page = Files.readString(html);
    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains("Content-Security-Policy")
        .doesNotContainIgnoringCase("<script")
        .contains("<tr class=\"task\" data-task=\"request\"")
        .contains("<tr class=\"threshold pass\" data-threshold=\"error_rate&lt;1%\"")
        .contains("<tr class=\"threshold fail\" data-threshold=\"requests==0\"")
        .contains("<circle class=\"rps-point\" data-second=\"1\"")
        .contains("<circle class=\"rps-point\" data-second=\"2\"")
        .contains("<svg class=\"distribution\"");
    try (Stream<Path> files = Files.list(html.getParent())) {
      assertThat(files).as("no temporary file left beside the report").containsExactly(html);
    }
  }

  @Test
  void backupCommandsRunTheWholeCycle() throws Exception {
    Path data = DemoFiles.dataDirectory(dir.resolve("data"));
    String target = dir.resolve("backups").toString();

    CliTest.Run full =
        ffe(
            "backup",
            "full",
            "--source",
            data.toString(),
            "--target",
            target,
            "--name",
            "app",
            "--at",
            "2025-01-29T02:00:00Z",
            "--json");
    assertThat(full.exit()).as(full.err()).isZero();
    JsonNode doc = full.json();
    assertThat(doc.get("archive").asText()).contains("app-full");
    assertThat(doc.get("files").asLong()).isEqualTo(4);
    assertThat(doc.get("sha256").asText()).hasSize(64);
    assertThat(doc.has("bytes") && doc.has("duration")).isTrue();

    DemoFiles.write(data.resolve("db/new.csv"), "x\n");
    CliTest.Run incremental =
        ffe(
            "backup",
            "incremental",
            "--source",
            data.toString(),
            "--target",
            target,
            "--name",
            "app",
            "--at",
            "2025-01-30T02:00:00Z");
    assertThat(incremental.exit()).as(incremental.out() + incremental.err()).isZero();

    CliTest.Run verify = ffe("backup", "verify", "--target", target, "--name", "app", "--json");
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();

    Path restored = dir.resolve("restored");
    assertThat(
            ffe(
                    "backup",
                    "restore",
                    "--target",
                    target,
                    "--name",
                    "app",
                    "--into",
                    restored.toString())
                .exit())
        .isZero();
    assertThat(restored.resolve("data/db/new.csv")).exists();
    Path again = dir.resolve("restored-again");
    CliTest.Run issueForm =
        ffe(
            "backup",
            "restore",
            "latest",
            "--target",
            target,
            "--name",
            "app",
            "--to",
            again.toString(),
            "--json");
    assertThat(issueForm.exit()).as(issueForm.err()).isZero();
    assertThat(again.resolve("data/db/new.csv")).exists();

    assertThat(ffe("backup", "cleanup", "--target", target, "--name", "app", "--dry-run").exit())
        .isZero();
    assertThat(
            ffe(
                    "backup",
                    "test-recovery",
                    "--target",
                    target,
                    "--name",
                    "app",
                    "--critical",
                    "data/db/users.csv")
                .exit())
        .isZero();
    assertThat(
            ffe(
                    "backup",
                    "test-recovery",
                    "--target",
                    target,
                    "--name",
                    "app",
                    "--critical",
                    "data/nope.txt")
                .exit())
        .isEqualTo(1);
    assertThat(ffe("backup", "full", "--target", target).exit()).isEqualTo(2);
    assertThat(ffe("backup").exit()).isEqualTo(2);
  }

  @Test
  void releaseCommandsAnalyzeWriteTheChangelogAndTag() throws Exception {
    Path repo = ReleaseExample.createDemoRepository(dir.resolve("repo"));

    CliTest.Run analyze = ffe("release", "analyze", "--repo", repo.toString(), "--json");
    assertThat(analyze.exit()).as(analyze.err()).isZero();
    JsonNode doc = analyze.json();
    assertThat(doc.get("current_version").asText()).isEqualTo("1.0.0");
    assertThat(doc.get("next_version").asText()).isEqualTo("1.1.0");
    assertThat(doc.get("bump").asText()).isEqualTo("minor");
    assertThat(doc.get("commits").asInt()).isEqualTo(3);

    CliTest.Run dry = ffe("release", "tag", "--repo", repo.toString(), "--dry-run", "--json");
    assertThat(dry.exit()).as(dry.err()).isZero();
    assertThat(dry.json().get("dry_run").asBoolean()).isTrue();
    assertThat(dry.json().get("tag").asText()).isEqualTo("v1.1.0");

    CliTest.Run changelog = ffe("release", "changelog", "--repo", repo.toString(), "--dry-run");
    assertThat(changelog.exit()).as(changelog.err()).isZero();
    assertThat(changelog.out()).contains("next_version: 1.1.0");

    CliTest.Run tag = ffe("release", "tag", "--repo", repo.toString(), "--json");
    assertThat(tag.exit()).as(tag.err()).isZero();
    assertThat(tag.json().get("tag").asText()).isEqualTo("v1.1.0");

    CliTest.Run range =
        ffe(
            "release",
            "analyze",
            "--repo",
            repo.toString(),
            "--from",
            "v1.0.0",
            "--to",
            "HEAD~1",
            "--json");
    assertThat(range.exit()).as(range.err()).isZero();
    assertThat(ffe("release", "analyze", "--repo", repo.toString(), "--to", "v1.0.0").exit())
        .isZero();
    assertThat(ffe("release").exit()).isEqualTo(2);
  }
}
