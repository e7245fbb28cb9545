package dev.ffe.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTaggerTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final PersonIdent WHO =
      new PersonIdent("Release Bot", "bot@example.test", NOW, ZoneOffset.UTC);
  @TempDir Path dir;

  private static ObjectId resolve(TestRepo repo, String rev) throws Exception {
    return repo.git.getRepository().resolve(rev);
  }

  @Test
  void tagsTheAnalyzedCommitWithAnAnnotatedTagThatGitDescribeSees() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      RevCommit fix = repo.commit("fix: bug");
      ReleaseAnalysis analysis = repo.analyze();
      TagResult result = ReleaseTagger.builder(dir).build().tag(analysis, NOW);
      assertThat(result.released()).isTrue();
      assertThat(result.tag()).isEqualTo("v1.0.1");
      assertThat(result.target()).isEqualTo(fix.name());
      assertThat(result.changelogCommit()).isEmpty();

      Ref ref = repo.git.getRepository().exactRef("refs/tags/v1.0.1");
      try (RevWalk walk = new RevWalk(repo.git.getRepository())) {
        RevTag tag = walk.parseTag(ref.getObjectId());
        assertThat(tag.getObject()).isEqualTo(fix);
        assertThat(tag.getFullMessage()).startsWith("## 1.0.1 (2026-11-28)").contains("* bug (");
        assertThat(tag.getTaggerIdent().getName()).isEqualTo("Test Author");
      }
      // The next analysis starts from the new tag.
      assertThat(repo.analyze().currentTag()).contains("v1.0.1");
      assertThat(repo.analyze().isRelease()).isFalse();

      assumeTrue(TestRepo.gitAvailable(), "git command not installed");
      assertThat(TestRepo.runGit(dir, "describe").strip()).isEqualTo("v1.0.1");
      assertThat(TestRepo.runGit(dir, "tag", "-n1", "v1.0.1")).contains("## 1.0.1 (2026-11-28)");
      assertThat(TestRepo.runGit(dir, "cat-file", "-t", "v1.0.1").strip()).isEqualTo("tag");
      TestRepo.runGit(dir, "fsck", "--strict");
    }
  }

  @Test
  void commitsTheChangelogThenTagsThatCommit() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.0.0");
      RevCommit feat = repo.commit("feat(ui): dark mode");
      ReleaseAnalysis analysis = repo.analyze();
      ChangelogResult changelog =
          Changelog.builder(dir).build().write(analysis, LocalDate.of(2026, 11, 28));
      TagResult result =
          ReleaseTagger.builder(dir)
              .withChangelogCommit("CHANGELOG.md")
              .build()
              .tag(analysis, changelog.notes(), WHO);
      ObjectId head = resolve(repo, "HEAD");
      assertThat(result.changelogCommit()).isEqualTo(head.name());
      assertThat(result.target()).isEqualTo(head.name());
      try (RevWalk walk = new RevWalk(repo.git.getRepository())) {
        RevCommit commit = walk.parseCommit(head);
        assertThat(commit.getFullMessage()).isEqualTo("chore(release): 1.1.0\n");
        assertThat(commit.getParent(0)).isEqualTo(feat);
        assertThat(walk.parseTag(resolve(repo, "refs/tags/v1.1.0")).getObject()).isEqualTo(head);
      }
      assertThat(repo.git.status().call().isClean()).isTrue();
      assertThat(resolve(repo, "HEAD:CHANGELOG.md")).isNotNull();
      // The release commit (chore) calls for no new release.
      assertThat(repo.analyze().isRelease()).isFalse();

      assumeTrue(TestRepo.gitAvailable(), "git command not installed");
      assertThat(TestRepo.runGit(dir, "describe").strip()).isEqualTo("v1.1.0");
      assertThat(TestRepo.runGit(dir, "status", "--porcelain")).isEmpty();
      assertThat(TestRepo.runGit(dir, "show", "HEAD:CHANGELOG.md")).contains("dark mode");
    }
  }

  @Test
  void dryRunChecksAndReportsButChangesNothing() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      ReleaseAnalysis analysis = repo.analyze();
      Changelog.builder(dir).build().write(analysis, LocalDate.of(2026, 11, 28));
      ObjectId before = resolve(repo, "HEAD");
      TagResult result =
          ReleaseTagger.builder(dir)
              .withChangelogCommit("CHANGELOG.md")
              .withDryRun(true)
              .build()
              .tag(analysis, "notes", WHO);
      assertThat(result.dryRun()).isTrue();
      assertThat(result.actions())
          .containsExactly(
              "would commit CHANGELOG.md on main as 'chore(release): 1.0.0'",
              "would create annotated tag v1.0.0 on that commit");
      assertThat(resolve(repo, "HEAD")).isEqualTo(before);
      assertThat(repo.git.getRepository().exactRef("refs/tags/v1.0.0")).isNull();
    }
  }

  @Test
  void refusesATagThatAlreadyExists() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      ReleaseAnalysis analysis = repo.analyze();
      repo.commit("chore: more");
      repo.lightweightTag("v1.0.0");
      assertThatThrownBy(() -> ReleaseTagger.builder(dir).build().tag(analysis, NOW))
          .isInstanceOf(GitReleaseException.class)
          .hasMessageContaining("tag v1.0.0 already exists")
          .hasMessageContaining("git tag -d v1.0.0");
    }
  }

  @Test
  void refusesADirtyWorkTreeUnlessAllowed() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.write("file-1.txt", "changed");
      ReleaseAnalysis analysis = repo.analyze();
      assertThatThrownBy(() -> ReleaseTagger.builder(dir).build().tag(analysis, NOW))
          .isInstanceOf(GitReleaseException.class)
          .hasMessageContaining("uncommitted changes [file-1.txt]");
      TagResult allowed =
          ReleaseTagger.builder(dir).withAllowDirty(true).build().tag(analysis, NOW);
      assertThat(allowed.tag()).isEqualTo("v1.0.0");
    }
  }

  @Test
  void committingTheChangelogNeedsABranchAndAnUnmovedHead() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      RevCommit first = repo.commit("feat: base");
      ReleaseAnalysis analysis = repo.analyze();
      repo.write("CHANGELOG.md", "# Changelog\n");
      ReleaseTagger tagger = ReleaseTagger.builder(dir).withChangelogCommit("CHANGELOG.md").build();
      repo.commit("chore: moved on");
      assertThatThrownBy(() -> tagger.tag(analysis, "notes", WHO))
          .isInstanceOf(GitReleaseException.class)
          .hasMessageContaining("HEAD moved since the analysis");
      repo.git.checkout().setName(first.name()).call();
      assertThatThrownBy(() -> tagger.tag(analysis, "notes", WHO))
          .isInstanceOf(GitReleaseException.class)
          .hasMessageContaining("HEAD is detached at " + first.name().substring(0, 7));
      // Tagging alone works on a detached HEAD (CI checkouts are detached).
      assertThat(ReleaseTagger.builder(dir).build().tag(analysis, NOW).target())
          .isEqualTo(first.name());
    }
  }

  @Test
  void missingChangelogFileIsReported() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      assertThatThrownBy(
              () ->
                  ReleaseTagger.builder(dir)
                      .withChangelogCommit("CHANGELOG.md")
                      .build()
                      .tag(repo.analyze(), "notes", WHO))
          .isInstanceOf(GitReleaseException.class)
          .hasMessageContaining("run the changelog step first");
    }
  }

  @Test
  void whenTheTagRefCannotBeCreatedTheChangelogCommitIsRolledBack() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      ReleaseAnalysis analysis = repo.analyze();
      Changelog.builder(dir).build().write(analysis, LocalDate.of(2026, 11, 28));
      ObjectId before = resolve(repo, "HEAD");
      // Another git process holding the tag's lock makes the tag update fail.
      Path lock = repo.git.getRepository().getDirectory().toPath().resolve("refs/tags/v1.0.0.lock");
      Files.createDirectories(lock.getParent());
      Files.writeString(lock, "");
      assertThatThrownBy(
              () ->
                  ReleaseTagger.builder(dir)
                      .withChangelogCommit("CHANGELOG.md")
                      .build()
                      .tag(analysis, "notes", WHO))
          .isInstanceOf(GitReleaseException.class)
          .hasMessageContaining("could not create tag v1.0.0 (LOCK_FAILURE)")
          .hasMessageContaining("rolled main back to " + before.name());
      assertThat(resolve(repo, "HEAD")).isEqualTo(before);
      assertThat(repo.git.getRepository().exactRef("refs/tags/v1.0.0")).isNull();
      Files.delete(lock);
      // Once the lock is gone the same release goes through.
      assertThat(
              ReleaseTagger.builder(dir)
                  .withChangelogCommit("CHANGELOG.md")
                  .build()
                  .tag(analysis, "notes", WHO)
                  .tag())
          .isEqualTo("v1.0.0");
    }
  }

  @Test
  void noReleaseTagsNothing() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("docs: base");
      TagResult result = ReleaseTagger.builder(dir).build().tag(repo.analyze(), NOW);
      assertThat(result.released()).isFalse();
      assertThat(result.actions()).containsExactly("no release is due: nothing to tag");
    }
  }

  @Test
  void customCommitMessageAndChangelogInASubdirectory() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      ReleaseAnalysis analysis = repo.analyze();
      Changelog changelog = Changelog.builder(dir).withFile(Path.of("docs/CHANGELOG.md")).build();
      changelog.write(analysis, LocalDate.of(2026, 11, 28));
      TagResult result =
          ReleaseTagger.builder(dir)
              .withChangelogCommit("docs/CHANGELOG.md")
              .withCommitMessage("release {tag} ({version}) [skip ci]")
              .build()
              .tag(analysis, "", WHO);
      try (RevWalk walk = new RevWalk(repo.git.getRepository())) {
        assertThat(walk.parseCommit(resolve(repo, "HEAD")).getShortMessage())
            .isEqualTo("release v1.0.0 (1.0.0) [skip ci]");
        assertThat(walk.parseTag(resolve(repo, "refs/tags/v1.0.0")).getFullMessage())
            .isEqualTo("Release 1.0.0\n");
      }
      assertThat(result.actions()).hasSize(2);
      assertThat(resolve(repo, "HEAD:docs/CHANGELOG.md")).isNotNull();
      assertThatThrownBy(() -> ReleaseTagger.builder(dir).withChangelogCommit(" "))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ReleaseTagger.builder(dir).withCommitMessage(""))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(ReleaseTagger.builder(dir).withDryRun(true).build().toString())
          .contains("dry run");
    }
  }

  @Test
  void errorsNameTheRepository() {
    GitReleaseException e =
        new GitReleaseException(dir, "boom", new IllegalStateException("cause"));
    assertThat(e.repository()).isEqualTo(dir);
    assertThat(e).hasMessage("boom").hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                ReleaseTagger.builder(dir.resolve("nope"))
                    .build()
                    .tag(
                        new ReleaseAnalysis(
                            dir.toString(),
                            java.util.Optional.empty(),
                            java.util.Optional.empty(),
                            java.util.Optional.of(SemanticVersion.of(1, 0, 0)),
                            java.util.Optional.of("v1.0.0"),
                            ReleaseType.MINOR,
                            "HEAD",
                            ObjectId.zeroId().name(),
                            0,
                            0,
                            java.util.List.of(),
                            java.util.List.of()),
                        "notes",
                        WHO))
        .isInstanceOf(GitReleaseException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void anUnchangedChangelogMakesNoEmptyCommit() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.write("CHANGELOG.md", "# Changelog\n");
      repo.git.add().addFilepattern("CHANGELOG.md").call();
      RevCommit head = repo.commit("feat: base");
      TagResult result =
          ReleaseTagger.builder(dir)
              .withChangelogCommit("CHANGELOG.md")
              .build()
              .tag(repo.analyze(), "notes", WHO);
      assertThat(result.changelogCommit()).isEmpty();
      assertThat(result.target()).isEqualTo(head.name());
      assertThat(result.actions()).contains("CHANGELOG.md is unchanged: no changelog commit");
      assertThat(resolve(repo, "HEAD")).isEqualTo(head);
    }
  }
}
