package dev.ffe.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseAnalyzerTest {
  @TempDir Path dir;

  @Test
  void firstReleaseWithoutTagsIsTheConfiguredFirstVersion() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commits("chore: init", "feat: add login", "fix: typo");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.currentVersion()).isEmpty();
      assertThat(analysis.nextVersion()).contains(SemanticVersion.of(1, 0, 0));
      assertThat(analysis.bump()).isEqualTo(ReleaseType.MINOR);
      assertThat(analysis.commitCount()).isEqualTo(3);
      assertThat(analysis.range()).isEqualTo("HEAD");
      assertThat(analysis.nextTag()).contains("v1.0.0");

      ReleaseAnalysis custom =
          repo.analyzer().withFirstVersion(SemanticVersion.parse("0.1.0")).build().analyze();
      assertThat(custom.nextVersion()).contains(SemanticVersion.parse("0.1.0"));
    }
  }

  @Test
  void noReleasableCommitsMeansNoRelease() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commits("chore: init", "docs: readme", "Update things");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.isRelease()).isFalse();
      assertThat(analysis.nextVersion()).isEmpty();
      assertThat(analysis.bump()).isEqualTo(ReleaseType.NONE);
    }
  }

  @Test
  void bumpsFromTheLastTagByTheHighestCommitType() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commits("feat: one", "fix: two");
      repo.tag("v1.2.0");
      repo.commit("fix: three");
      assertThat(repo.analyze().nextVersion()).contains(SemanticVersion.parse("1.2.1"));
      repo.commit("feat(api): four");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("1.3.0"));
      assertThat(analysis.currentTag()).contains("v1.2.0");
      assertThat(analysis.range()).isEqualTo("v1.2.0..HEAD");
      assertThat(analysis.commitCount()).isEqualTo(2);
      assertThat(analysis.commits())
          .extracting(AnalyzedCommit::type)
          .containsExactly("feat", "fix");
      repo.commit("refactor!: drop the old api");
      assertThat(repo.analyze().nextVersion()).contains(SemanticVersion.parse("2.0.0"));
    }
  }

  @Test
  void breakingFooterAndBangBothBumpMajor() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: one");
      repo.tag("v1.0.0");
      repo.commit("fix: change default\n\nBREAKING CHANGE: the default port is now 8081");
      ReleaseAnalysis footer = repo.analyze();
      assertThat(footer.nextVersion()).contains(SemanticVersion.parse("2.0.0"));
      assertThat(footer.commits().get(0).breakingNotes())
          .containsExactly("the default port is now 8081");
      repo.tag("v2.0.0");
      repo.commit("feat(cli)!: rename flags");
      ReleaseAnalysis bang = repo.analyze();
      assertThat(bang.nextVersion()).contains(SemanticVersion.parse("3.0.0"));
      assertThat(bang.commits().get(0).breakingNotes()).containsExactly("rename flags");
    }
  }

  @Test
  void ignoresTagsOnASideBranchAndWalksTheExactRange() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      repo.branch("experiment");
      repo.commit("feat!: experiment");
      repo.tag("v2.0.0");
      repo.checkout("main");
      repo.commit("fix: on main");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.currentTag()).contains("v1.0.0");
      assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("1.0.1"));
      assertThat(analysis.commitCount()).isEqualTo(1);
    }
  }

  @Test
  void mergeCommitsAreSkippedButTheirCommitsCount() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      repo.branch("feature");
      repo.commit("feat(ui): dark mode");
      repo.checkout("main");
      repo.commit("fix: on main");
      repo.merge("feature");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.mergeCount()).isEqualTo(1);
      assertThat(analysis.commitCount()).isEqualTo(2);
      assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("1.1.0"));
    }
  }

  @Test
  void aRevertAndTheCommitItRevertsInTheSameRangeCancelOut() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      RevCommit feat = repo.commit("feat: risky");
      repo.commit("fix: small");
      repo.commit("Revert \"feat: risky\"\n\nThis reverts commit " + feat.name() + ".\n");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("1.0.1"));
      assertThat(analysis.commits())
          .filteredOn(c -> !c.counts())
          .extracting(AnalyzedCommit::type)
          .containsExactlyInAnyOrder("revert", "feat");
    }
  }

  @Test
  void aRevertOfAnEarlierReleaseIsAPatch() {
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit feat = repo.commit("feat: released");
      repo.tag("v1.0.0");
      repo.commit("revert: feat: released\n\nThis reverts commit " + feat.name() + ".");
      assertThat(repo.analyze().nextVersion()).contains(SemanticVersion.parse("1.0.1"));
    }
  }

  @Test
  void revertingARevertReappliesTheOriginal() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("fix: base");
      repo.tag("v1.0.0");
      RevCommit feat = repo.commit("feat: again");
      RevCommit revert =
          repo.commit("Revert \"feat: again\"\n\nThis reverts commit " + feat.name() + ".");
      repo.commit(
          "Revert \"Revert \"feat: again\"\"\n\nThis reverts commit " + revert.name() + ".");
      assertThat(repo.analyze().nextVersion()).contains(SemanticVersion.parse("1.1.0"));
    }
  }

  @Test
  void preMajorPolicyShiftsBumpsDownUnlessStrict() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v0.3.2");
      repo.commit("feat: more");
      assertThat(repo.analyze().nextVersion()).contains(SemanticVersion.parse("0.3.3"));
      repo.commit("feat!: break");
      assertThat(repo.analyze().nextVersion()).contains(SemanticVersion.parse("0.4.0"));
      assertThat(repo.analyze().bump()).isEqualTo(ReleaseType.MINOR);
      ReleaseAnalysis strict =
          repo.analyzer().withPreMajorPolicy(PreMajorPolicy.STRICT).build().analyze();
      assertThat(strict.nextVersion()).contains(SemanticVersion.parse("1.0.0"));
    }
  }

  @Test
  void forcedTypeWinsOverCommitsAndReleaseAs() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.4.2");
      repo.commit("docs: nothing to release\n\nRelease-As: 3.0.0");
      assertThat(repo.analyzer().withForcedType(ReleaseType.MINOR).build().analyze().nextVersion())
          .contains(SemanticVersion.parse("1.5.0"));
      assertThat(repo.analyzer().withForcedType(ReleaseType.NONE).build().analyze().isRelease())
          .isFalse();
      ReleaseAnalysis releaseAs = repo.analyze();
      assertThat(releaseAs.nextVersion()).contains(SemanticVersion.parse("3.0.0"));
      assertThat(releaseAs.bump()).isEqualTo(ReleaseType.MAJOR);
    }
  }

  @Test
  void releaseAsThatIsNotAfterTheCurrentVersionIsIgnoredWithAWarning() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.4.2");
      repo.commit("fix: x\n\nRelease-As: 1.0.0");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("1.4.3"));
      assertThat(analysis.warnings()).anyMatch(w -> w.contains("not after the current version"));
      repo.commit("fix: y\n\nRelease-As: banana");
      assertThat(repo.analyze().warnings()).anyMatch(w -> w.contains("not a semantic version"));
    }
  }

  @Test
  void preReleaseChannelIncrementsPerSemVer() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.2.0");
      repo.commit("feat: new");
      ReleaseAnalyzer beta = repo.analyzer().withPreReleaseChannel("beta").build();
      assertThat(beta.analyze().nextVersion()).contains(SemanticVersion.parse("1.3.0-beta.1"));
      repo.tag("v1.3.0-beta.1");
      repo.commit("fix: bug");
      assertThat(beta.analyze().nextVersion()).contains(SemanticVersion.parse("1.3.0-beta.2"));
      repo.tag("v1.3.0-beta.2");
      repo.commit("feat!: break");
      assertThat(beta.analyze().nextVersion()).contains(SemanticVersion.parse("2.0.0-beta.1"));
      // The stable channel ignores the pre-release tags and releases from 1.2.0.
      assertThat(repo.analyze().nextVersion()).contains(SemanticVersion.parse("2.0.0"));
      assertThat(repo.analyze().currentTag()).contains("v1.2.0");
    }
  }

  @Test
  void explicitRangeAnalyzesOnlyThoseCommits() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      RevCommit middle = repo.commit("feat: middle");
      repo.commit("fix: last");
      ReleaseAnalysis analysis =
          repo.analyzer().withRange(middle.name() + "..HEAD").build().analyze();
      assertThat(analysis.commitCount()).isEqualTo(1);
      assertThat(analysis.currentVersion()).isEmpty();
      assertThat(analysis.warnings()).anyMatch(w -> w.contains("carries no release tag"));
      ReleaseAnalysis fromTag = repo.analyzer().withRange("v1.0.0", "HEAD").build().analyze();
      assertThat(fromTag.nextVersion()).contains(SemanticVersion.parse("1.1.0"));
    }
  }

  @Test
  void nonSemverTagsAndOtherPrefixesAreIgnored() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      repo.commit("fix: a");
      repo.lightweightTag("v1.1");
      repo.lightweightTag("release-9.0.0");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.currentTag()).contains("v1.0.0");
      assertThat(analysis.warnings()).anyMatch(w -> w.contains("[v1.1]"));
      ReleaseAnalysis prefixed = repo.analyzer().withTagPrefix("release-").build().analyze();
      assertThat(prefixed.currentTag()).contains("release-9.0.0");
      assertThat(prefixed.isRelease()).isFalse();
    }
  }

  @Test
  void notARepositoryEmptyRepositoryAndUnknownRefFailClearly(@TempDir Path other) {
    assertThatThrownBy(() -> ReleaseAnalyzer.analyze(other))
        .isInstanceOf(GitReleaseException.class)
        .hasMessageContaining("is not a git repository");
    assertThatThrownBy(() -> ReleaseAnalyzer.analyze(other.resolve("missing")))
        .isInstanceOf(GitReleaseException.class)
        .hasMessageContaining("does not exist");
    try (TestRepo repo = TestRepo.init(dir)) {
      assertThatThrownBy(repo::analyze)
          .isInstanceOf(GitReleaseException.class)
          .hasMessageContaining("has no commits yet");
      repo.commit("feat: x");
      assertThatThrownBy(() -> repo.analyzer().withRef("nope").build().analyze())
          .isInstanceOf(GitReleaseException.class)
          .hasMessageContaining("'nope' does not name a commit");
    }
  }

  @Test
  void existingTagForTheNextVersionIsReported() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      repo.branch("other");
      repo.commit("fix: elsewhere");
      repo.tag("v1.0.1");
      repo.checkout("main");
      repo.commit("fix: here");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.nextTag()).contains("v1.0.1");
      assertThat(analysis.warnings()).anyMatch(w -> w.contains("tag v1.0.1 already exists"));
    }
  }

  @Test
  void detachedHeadIsAnalyzed() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      RevCommit fix = repo.commit("fix: one");
      repo.commit("feat: two");
      repo.git.checkout().setName(fix.name()).call();
      assertThat(repo.analyze().nextVersion()).contains(SemanticVersion.parse("1.0.1"));
    }
  }

  @Test
  void mergedMaintenanceTagBelowTheHighestTagKeepsTheHighestAsBase() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      repo.branch("maintenance");
      repo.commit("fix: backport");
      repo.tag("v1.0.1");
      repo.checkout("main");
      repo.commit("feat: next");
      repo.tag("v1.1.0");
      repo.commit("docs: after");
      repo.merge("maintenance");
      ReleaseAnalysis analysis = repo.analyze();
      assertThat(analysis.currentTag()).contains("v1.1.0");
      // The backported fix is not in v1.1.0, so it is in the range, as with git log v1.1.0..HEAD.
      assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("1.1.1"));
      assertThat(analysis.commits())
          .extracting(AnalyzedCommit::description)
          .containsExactlyInAnyOrder("backport", "after");
    }
  }

  @Test
  void bareRepositoriesAndSubdirectoriesAreFound(@TempDir Path other) throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      repo.commit("fix: x");
      java.nio.file.Files.createDirectories(dir.resolve("sub/dir"));
      assertThat(ReleaseAnalyzer.analyze(dir.resolve("sub/dir")).nextVersion())
          .contains(SemanticVersion.parse("1.0.1"));
      org.eclipse.jgit.api.Git.cloneRepository()
          .setURI(dir.toUri().toString())
          .setDirectory(other.toFile())
          .setBare(true)
          .call()
          .close();
      ReleaseAnalysis bare = ReleaseAnalyzer.analyze(other);
      assertThat(bare.nextVersion()).contains(SemanticVersion.parse("1.0.1"));
      assertThat(bare.repository()).isEqualTo(other.toString());
    }
  }

  @Test
  void lightweightTagsCountAndTheHighestTagOnACommitWins() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.lightweightTag("v1.0.0");
      repo.lightweightTag("v1.2.0");
      repo.commit("fix: x");
      assertThat(repo.analyze().currentTag()).contains("v1.2.0");
      assertThat(repo.analyze().toString()).contains("1.2.0 -> 1.2.1 (patch)");
    }
  }

  @Test
  void builderRejectsBadSettings() {
    ReleaseAnalyzer.Builder builder = ReleaseAnalyzer.builder(dir);
    assertThatThrownBy(() -> builder.withRef(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.withRange("a...b")).hasMessageContaining("two dots");
    assertThatThrownBy(() -> builder.withTagPrefix("v 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.withPreReleaseChannel("1"))
        .hasMessageContaining("not a SemVer identifier");
    assertThat(builder.withRange("v1.0.0..").build().toString()).contains("v1.0.0..HEAD");
    assertThat(builder.withTagPrefix("").build().tagPrefix()).isEmpty();
  }

  @Test
  void firstPreReleaseOnAChannelAndPreReleaseTagsOfOtherChannelsAreIgnored() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      ReleaseAnalyzer beta = repo.analyzer().withPreReleaseChannel("beta").build();
      assertThat(beta.analyze().nextVersion()).contains(SemanticVersion.parse("1.0.0-beta.1"));
      repo.tag("v1.0.0-alpha.3");
      repo.commit("fix: x");
      assertThat(beta.analyze().currentTag()).isEmpty();
      repo.tag("v1.0.0-beta.1");
      repo.commit("fix: y");
      assertThat(beta.analyze().nextVersion()).contains(SemanticVersion.parse("1.0.0-beta.2"));
    }
  }

  /** Cases from semantic-release's commit-analyzer tests (angular preset, default rules). */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "fix(scope1): First fix|feat(scope2): Second feature;minor",
        "fix: First fix (fixes #123)|perf: perf improvement;patch",
        "doc: doc update|chore: Chore;none",
        "fix: a|docs: b~~BREAKING CHANGE: break something;major",
        "Merge pull request #1 from a/b|style: x|test: y|build: z|ci: w;none",
      })
  void agreesWithSemanticReleaseCommitAnalyzer(String messages, String expected) {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("chore: init");
      repo.tag("v1.0.0");
      for (String message : messages.split("\\|")) {
        repo.commit(message.replace('~', '\n'));
      }
      assertThat(repo.analyze().bump()).isEqualTo(ReleaseType.parse(expected));
    }
  }

  @Test
  void customRulesOverrideTheDefaultsLikeSemanticReleaseReleaseRules() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("chore: init");
      repo.tag("v1.0.0");
      repo.commits("feat: new feature", "docs: update README");
      ReleaseRules rules =
          ReleaseRules.angular().toBuilder()
              .withType("feat", ReleaseType.NONE)
              .withType("docs", ReleaseType.PATCH)
              .build();
      assertThat(repo.analyzer().withRules(rules).build().analyze().nextVersion())
          .contains(SemanticVersion.parse("1.0.1"));
    }
  }
}
