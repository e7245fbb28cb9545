package dev.ffe.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ffe.core.ContextKey;
import dev.ffe.core.StepParameters;
import dev.ffe.core.StepProvider;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import dev.ffe.core.testing.TestWorkflowExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseStepsTest {
  private static final ContextKey<String> ARTIFACT = ContextKey.of("artifact", String.class);
  @TempDir Path dir;

  private static WorkflowStep releaseWorkflow(Path dir, List<String> notified) {
    return ReleaseSteps.release(
        "release",
        WorkflowStep.task("pre-release-tests", ctx -> "tests passed"),
        ReleaseAnalyzer.builder(dir).build(),
        WorkflowStep.task(
            "build",
            ctx -> {
              String version =
                  ctx.require(ReleaseSteps.ANALYSIS).nextVersion().orElseThrow().toString();
              ctx.put(ARTIFACT, "app-" + version + ".jar");
              return "app-" + version + ".jar";
            }),
        Changelog.builder(dir).build(),
        ReleaseTagger.builder(dir).withChangelogCommit("CHANGELOG.md").build(),
        WorkflowStep.task(
            "notify",
            ctx -> {
              notified.add(ctx.require(ReleaseSteps.TAG).tag() + " " + ctx.require(ARTIFACT));
              return "notified";
            }));
  }

  @Test
  void seedReleaseWorkflowPassesTheVersionToLaterSteps() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      repo.commit("feat(api): new endpoint");
      List<String> notified = new ArrayList<>();
      WorkflowResult result = TestWorkflowExecutor.create().run(releaseWorkflow(dir, notified));
      assertThat(result.success()).as(result.tree()).isTrue();
      assertThat(notified).containsExactly("v1.1.0 app-1.1.0.jar");
      ReleaseAnalysis analysis =
          (ReleaseAnalysis) result.requireStep("analyze").output().orElseThrow();
      assertThat(analysis.nextTag()).contains("v1.1.0");
      ChangelogResult changelog =
          (ChangelogResult) result.requireStep("changelog").output().orElseThrow();
      // Dated by the workflow clock.
      assertThat(changelog.notes()).startsWith("## 1.1.0 (2025-01-29)");
      assertThat(Files.readString(dir.resolve("CHANGELOG.md"))).contains("new endpoint");
      assertThat(repo.git.getRepository().exactRef("refs/tags/v1.1.0")).isNotNull();
      assertThat(result.toJson()).contains("\"next_version\"");

      // Nothing to release: later steps are skipped, not failed.
      List<String> again = new ArrayList<>();
      WorkflowResult second = TestWorkflowExecutor.create().run(releaseWorkflow(dir, again));
      assertThat(second.success()).as(second.tree()).isTrue();
      assertThat(second.requireStep("tag").status()).isEqualTo(StepStatus.SKIPPED);
      assertThat(again).isEmpty();
    }
  }

  @Test
  void failingStepReportsTheReason() {
    WorkflowResult result =
        TestWorkflowExecutor.create()
            .run(ReleaseSteps.analyze("analyze", ReleaseAnalyzer.builder(dir).build()));
    assertThat(result.success()).isFalse();
    assertThat(result.error().orElse("") + result.tree()).contains("is not a git repository");
  }

  @Test
  void analysisSerializesWithSnakeCaseNames() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      repo.commit("fix(core)!: change\n\nBREAKING CHANGE: different");
      JsonNode json = new ObjectMapper().valueToTree(repo.analyze());
      assertThat(json.get("current_version").asText()).isEqualTo("1.0.0");
      assertThat(json.get("next_version").asText()).isEqualTo("2.0.0");
      assertThat(json.get("bump").asText()).isEqualTo("major");
      assertThat(json.get("release").asBoolean()).isTrue();
      assertThat(json.get("next_tag").asText()).isEqualTo("v2.0.0");
      assertThat(json.get("commit_count").asInt()).isEqualTo(1);
      JsonNode commit = json.get("commits").get(0);
      assertThat(commit.get("short_hash").asText()).hasSize(7);
      assertThat(commit.get("breaking_notes").get(0).asText()).isEqualTo("different");
      assertThat(commit.get("release").asText()).isEqualTo("major");
      assertThat(commit.has("counts")).isFalse();

      repo.tag("v2.0.0");
      JsonNode none = new ObjectMapper().valueToTree(repo.analyze());
      assertThat(none.get("next_version").isNull()).isTrue();
      assertThat(none.get("bump").asText()).isEqualTo("none");
      assertThat(new ObjectMapper().valueToTree(SemanticVersion.parse("1.2.3-rc.1")).asText())
          .isEqualTo("1.2.3-rc.1");
    }
  }

  @Test
  void providerIsFoundByServiceLoaderAndBuildsStepsFromParameters() throws Exception {
    StepProvider provider =
        ServiceLoader.load(StepProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p instanceof GitStepProvider)
            .findFirst()
            .orElseThrow();
    assertThat(provider.types())
        .containsExactlyInAnyOrder("git.analyze", "git.changelog", "git.tag");
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("release-0.2.0");
      repo.commit("feat!: break");
      repo.commit("docs: d");
      WorkflowStep analyze =
          provider.create(
              "git.analyze",
              "analyze",
              params(
                  Map.of(
                      "repo", dir.toString(),
                      "tag-prefix", "release-",
                      "pre-major", "shift-down",
                      "channel", "rc",
                      "rules", Map.of("docs", "patch"))));
      WorkflowStep changelog =
          provider.create(
              "git.changelog",
              "changelog",
              params(Map.of("repo", dir.toString(), "dry-run", true, "file", "CHANGES.md")));
      WorkflowStep tag =
          provider.create(
              "git.tag",
              "tag",
              params(Map.of("repo", dir.toString(), "dry-run", true, "allow-dirty", false)));
      WorkflowResult result =
          TestWorkflowExecutor.create()
              .run(WorkflowStep.sequential("release", analyze, changelog, tag));
      assertThat(result.success()).as(result.tree()).isTrue();
      ReleaseAnalysis analysis =
          (ReleaseAnalysis) result.requireStep("analyze").output().orElseThrow();
      assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("0.3.0-rc.1"));
      TagResult tagResult = (TagResult) result.requireStep("tag").output().orElseThrow();
      assertThat(tagResult.dryRun()).isTrue();
      assertThat(tagResult.tag()).isEqualTo("release-0.3.0-rc.1");
      assertThat(dir.resolve("CHANGES.md")).doesNotExist();
      assertThat(repo.git.getRepository().exactRef("refs/tags/release-0.3.0-rc.1")).isNull();

      WorkflowStep forced =
          provider.create(
              "git.analyze",
              "forced",
              params(
                  Map.of(
                      "repo", dir.toString(),
                      "from", "HEAD~1",
                      "to", "HEAD",
                      "release-type", "major",
                      "first-version", "0.1.0",
                      "pre-major", "strict")));
      WorkflowResult forcedResult = TestWorkflowExecutor.create().run(forced);
      assertThat(forcedResult.success()).as(forcedResult.tree()).isTrue();
      ReleaseAnalysis forcedAnalysis = (ReleaseAnalysis) forcedResult.root().output().orElseThrow();
      assertThat(forcedAnalysis.range()).isEqualTo("HEAD~1..HEAD");
      assertThat(forcedAnalysis.nextVersion()).contains(SemanticVersion.parse("0.1.0"));
    }
    assertThatThrownBy(() -> provider.create("git.analyze", "a", params(Map.of("tag-prefx", "v"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tag-prefx");
    assertThatThrownBy(() -> provider.create("git.analyze", "a", params(Map.of("to", "HEAD"))))
        .hasMessageContaining("needs 'from'");
    assertThatThrownBy(
            () -> provider.create("git.analyze", "a", params(Map.of("pre-major", "loose"))))
        .hasMessageContaining("shift-down or strict");
    assertThatThrownBy(() -> provider.create("git.push", "a", params(Map.of())))
        .hasMessageContaining("unknown type 'git.push'");
  }

  private static StepParameters params(Map<String, ?> values) {
    return new StepParameters("step 'x' (git)", values);
  }
}
