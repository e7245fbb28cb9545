package dev.ffe.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangelogTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
  @TempDir Path dir;

  @Test
  void rendersGroupedSectionWithScopesHashesAndQuotedBreakingNotes() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.tag("v1.2.0");
      RevCommit dropped = repo.commit("feat: dropped later");
      repo.commit("fix(net): retry on reset");
      repo.commit("perf: faster parse");
      repo.commit("docs: not in the changelog");
      RevCommit api =
          repo.commit("feat(api)!: remove v1\n\nBREAKING CHANGE: /v1 is gone.\nUse /v2.");
      repo.commit("Revert \"feat: dropped later\"\n\nThis reverts commit " + dropped.name() + ".");
      ReleaseAnalysis analysis = repo.analyze();
      String notes = Changelog.builder(dir).build().render(analysis, DAY);
      String hash = api.name().substring(0, 7);
      assertThat(notes)
          .startsWith("## 2.0.0 (2026-11-28)\n\nCompare: `v1.2.0...v2.0.0`\n")
          .contains(
              "### Breaking changes\n\n* **api:** remove v1 ("
                  + hash
                  + ")\n"
                  + "  > /v1 is gone.\n  > Use /v2.\n")
          .contains("### Features\n\n* **api:** remove v1 (" + hash + ")\n")
          .contains("### Bug fixes\n\n* **net:** retry on reset (")
          .contains("### Performance\n\n* faster parse (")
          .doesNotContain("docs")
          .doesNotContain("dropped later")
          .doesNotContain("### Reverts");
      assertThat(notes.indexOf("### Breaking")).isLessThan(notes.indexOf("### Features"));
      assertThat(notes.indexOf("### Features")).isLessThan(notes.indexOf("### Bug fixes"));
    }
  }

  @Test
  void firstReleaseAndCompareUrl() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      ReleaseAnalysis first = repo.analyze();
      assertThat(Changelog.builder(dir).build().render(first, DAY))
          .contains("Compare: `v1.0.0 (first release)`");
      repo.tag("v1.0.0");
      RevCommit feat = repo.commit("feat: two");
      repo.commit("revert: feat: base\n\nThis reverts commit 0000000.");
      Changelog linked =
          Changelog.builder(dir)
              .withCompareUrl("https://example.test/compare/{from}...{to}")
              .build();
      String notes = linked.render(repo.analyze(), DAY);
      assertThat(notes)
          .contains("Compare: [v1.0.0...v1.1.0](https://example.test/compare/v1.0.0...v1.1.0)")
          .contains("### Reverts\n\n* feat: base (")
          .contains("* two (" + feat.name().substring(0, 7) + ")");
      assertThatThrownBy(() -> Changelog.builder(dir).withCompareUrl("https://x/{to}"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void prependsBelowTheTitleKeepingWhatWasThereAndReplacesASectionForTheSameVersion()
      throws Exception {
    String existing = "# Changelog\n\nAll notable changes.\n\n## 1.0.0 (2026-01-01)\n\n* old\n";
    String once = Changelog.prepend(existing, "## 1.1.0 (2026-11-28)\n\n* new\n", "1.1.0");
    assertThat(once)
        .isEqualTo(
            "# Changelog\n\nAll notable changes.\n\n## 1.1.0 (2026-11-28)\n\n* new\n\n"
                + "## 1.0.0 (2026-01-01)\n\n* old\n");
    String twice = Changelog.prepend(once, "## 1.1.0 (2026-11-29)\n\n* newer\n", "1.1.0");
    assertThat(twice)
        .isEqualTo(
            "# Changelog\n\nAll notable changes.\n\n## 1.1.0 (2026-11-29)\n\n* newer\n\n"
                + "## 1.0.0 (2026-01-01)\n\n* old\n");
    assertThat(Changelog.prepend("", "## 1.0.0\n", "1.0.0")).isEqualTo("# Changelog\n\n## 1.0.0\n");
    assertThat(Changelog.prepend("Some notes\n", "## 1.0.0\n", "1.0.0"))
        .isEqualTo("## 1.0.0\n\nSome notes\n");
    assertThat(Changelog.prepend("# Title only\n", "## 1.0.0\n", "1.0.0"))
        .isEqualTo("# Title only\n\n## 1.0.0\n");
    assertThat(Changelog.prepend("# T\r\n\r\n## 0.1.0\r\n", "## 1.0.0\n", "1.0.0"))
        .isEqualTo("# T\r\n\r\n## 1.0.0\r\n\r\n## 0.1.0\r\n");
  }

  @Test
  void writesAtomicallyAndDryRunLeavesTheFileAlone() throws Exception {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("feat: base");
      repo.write("CHANGELOG.md", "# Changelog\n\n## 0.9.0\n\n* older\n");
      ReleaseAnalysis analysis = repo.analyze();
      ChangelogResult dry = Changelog.builder(dir).withDryRun(true).build().write(analysis, DAY);
      assertThat(dry.dryRun()).isTrue();
      assertThat(dry.written()).isFalse();
      assertThat(dry.notes()).startsWith("## 1.0.0 (2026-11-28)");
      assertThat(Files.readString(dir.resolve("CHANGELOG.md")))
          .isEqualTo("# Changelog\n\n## 0.9.0\n\n* older\n");

      ChangelogResult real = Changelog.builder(dir).build().write(analysis, DAY);
      assertThat(real.written()).isTrue();
      assertThat(real.version()).isEqualTo("1.0.0");
      String text = Files.readString(dir.resolve("CHANGELOG.md"), StandardCharsets.UTF_8);
      assertThat(text).startsWith("# Changelog\n\n## 1.0.0 (2026-11-28)").endsWith("* older\n");
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
            .isEmpty();
      }
    }
  }

  @Test
  void noReleaseWritesNothing() {
    try (TestRepo repo = TestRepo.init(dir)) {
      repo.commit("chore: base");
      ChangelogResult result = Changelog.builder(dir).build().write(repo.analyze(), DAY);
      assertThat(result.released()).isFalse();
      assertThat(result.notes()).isEmpty();
      assertThat(dir.resolve("CHANGELOG.md")).doesNotExist();
      assertThat(Changelog.builder(dir).withFile(Path.of("docs/CHANGES.md")).build().file())
          .isEqualTo(dir.resolve("docs/CHANGES.md"));
      assertThat(List.of(result.file())).isNotEmpty();
    }
  }
}
