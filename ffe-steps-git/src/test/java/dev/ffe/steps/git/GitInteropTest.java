package dev.ffe.steps.git;

import static dev.ffe.steps.git.TestRepo.runGit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repositories made by the {@code git} command, read by us; skipped when git is absent. */
class GitInteropTest {
  @TempDir Path dir;

  @BeforeAll
  static void requireGit() {
    assumeTrue(TestRepo.gitAvailable(), "git command not installed: interop tests skipped");
  }

  private static int files;

  private static void commit(Path repo, String message) throws Exception {
    String name = "file-" + (++files) + ".txt";
    Files.writeString(repo.resolve(name), message + "\n");
    runGit(repo, "add", name);
    runGit(repo, "commit", "-q", "--no-gpg-sign", "-m", message);
  }

  private static Path gitRepo(Path dir) {
    runGit(dir, "init", "-q", "-b", "main");
    runGit(dir, "config", "tag.gpgSign", "false");
    return dir;
  }

  @Test
  void readsARepositoryMadeByGitWithMergesRevertsAndAnnotatedTags() throws Exception {
    Path repo = gitRepo(dir);
    commit(repo, "feat: base");
    runGit(repo, "tag", "-a", "v1.0.0", "-m", "release 1.0.0");
    runGit(repo, "checkout", "-q", "-b", "feature");
    commit(repo, "feat(search): fuzzy");
    commit(repo, "fix(search): empty query");
    runGit(repo, "checkout", "-q", "main");
    commit(repo, "perf: cache");
    runGit(repo, "merge", "-q", "--no-ff", "--no-edit", "feature");
    runGit(repo, "revert", "--no-edit", "HEAD^2");
    ReleaseAnalysis analysis = ReleaseAnalyzer.analyze(repo);
    assertThat(analysis.currentTag()).contains("v1.0.0");
    assertThat(analysis.mergeCount()).isEqualTo(1);
    assertThat(analysis.commitCount()).isEqualTo(4);
    // git's own revert of the fix cancels it; the feature remains.
    assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("1.1.0"));
    assertThat(analysis.commits())
        .filteredOn(c -> !c.counts())
        .extracting(AnalyzedCommit::type)
        .containsExactlyInAnyOrder("revert", "fix");
  }

  @Test
  void shallowCloneWithoutTheTagWarnsAndTreatsItAsTheFirstRelease(@TempDir Path clones)
      throws Exception {
    Path origin = gitRepo(dir);
    commit(origin, "feat: base");
    runGit(origin, "tag", "-a", "v2.3.0", "-m", "release");
    for (int i = 0; i < 5; i++) {
      commit(origin, "fix: bug " + i);
    }
    runGit(clones, "clone", "-q", "--depth", "2", "--no-tags", "file://" + origin, "shallow");
    Path shallow = clones.resolve("shallow");
    ReleaseAnalysis analysis = ReleaseAnalyzer.analyze(shallow);
    assertThat(analysis.currentVersion()).isEmpty();
    assertThat(analysis.commitCount()).isEqualTo(2);
    assertThat(analysis.nextVersion()).contains(SemanticVersion.parse("1.0.0"));
    assertThat(analysis.warnings()).anyMatch(w -> w.startsWith("shallow clone"));

    runGit(clones, "clone", "-q", "--depth", "7", "file://" + origin, "deep-enough");
    ReleaseAnalysis deep = ReleaseAnalyzer.analyze(clones.resolve("deep-enough"));
    assertThat(deep.currentTag()).contains("v2.3.0");
    assertThat(deep.nextVersion()).contains(SemanticVersion.parse("2.3.1"));
    assertThat(deep.warnings()).isEmpty();
  }

  @Test
  void tagsWeCreateInAGitMadeRepositoryAreListedByGitTag() throws Exception {
    Path repo = gitRepo(dir);
    commit(repo, "feat: base");
    ReleaseAnalysis analysis = ReleaseAnalyzer.analyze(repo);
    ReleaseTagger.builder(repo)
        .build()
        .tag(analysis, java.time.Instant.parse("2026-11-28T00:00:00Z"));
    assertThat(runGit(repo, "tag", "-n1")).startsWith("v1.0.0").contains("## 1.0.0 (2026-11-28)");
    assertThat(runGit(repo, "describe", "--tags").strip()).isEqualTo("v1.0.0");
  }
}
