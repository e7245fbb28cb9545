package dev.ffe.steps.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ffe.steps.git.ConventionalCommit.Footer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConventionalCommitTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "feat: add login|feat||false|add login",
        "fix(parser): handle CRLF|fix|parser|false|handle CRLF",
        "feat(api)!: drop v1|feat|api|true|drop v1",
        "refactor!: rename everything|refactor||true|rename everything",
        "FEAT: shouting|feat||false|shouting",
        "Fix(Core):  extra spaces |fix|Core|false|extra spaces",
        "build(deps-dev): bump junit|build|deps-dev|false|bump junit",
      })
  void parsesTheHeader(
      String header, String type, String scope, boolean breaking, String description) {
    ConventionalCommit c = ConventionalCommit.parse(header);
    assertThat(c.isConventional()).isTrue();
    assertThat(c.type()).isEqualTo(type);
    assertThat(c.scope().orElse(null)).isEqualTo(scope);
    assertThat(c.isBreaking()).isEqualTo(breaking);
    assertThat(c.description()).isEqualTo(description);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Update README",
        "feat:no space",
        "feat add login",
        ": missing type",
        "feat(scope: unclosed",
        "feat: ",
        "",
        "Merge branch 'main' into feature",
        "WIP"
      })
  void messagesThatAreNotConventionalAreNotAnErrorAndCallForNoRelease(String message) {
    ConventionalCommit c = ConventionalCommit.parse(message);
    assertThat(c.isConventional()).isFalse();
    assertThat(c.type()).isEmpty();
    assertThat(c.isBreaking()).isFalse();
    assertThat(ReleaseRules.angular().releaseFor(c)).isEqualTo(ReleaseType.NONE);
  }

  @Test
  void readsBodyAndTrailerFootersWithMultiLineValues() {
    ConventionalCommit c =
        ConventionalCommit.parse(
            "fix(net): retry on reset\n\nThe client now retries.\n\nSecond paragraph.\n\n"
                + "Reviewed-by: Z\nRefs #133\nBREAKING CHANGE: timeouts are now\n"
                + "  in seconds, not millis\n");
    assertThat(c.body()).isEqualTo("The client now retries.\n\nSecond paragraph.");
    assertThat(c.footers())
        .containsExactly(
            new Footer("Reviewed-by", "Z"),
            new Footer("Refs", "133"),
            new Footer("BREAKING CHANGE", "timeouts are now\n  in seconds, not millis"));
    assertThat(c.isBreaking()).isTrue();
    assertThat(c.breakingNotes()).containsExactly("timeouts are now\n  in seconds, not millis");
    assertThat(c.footer("reviewed-BY")).contains("Z");
    assertThat(c.footer("Missing")).isEmpty();
  }

  @Test
  void breakingChangeWithHyphenAndInTheMiddleOfTheBodyIsBreaking() {
    assertThat(ConventionalCommit.parse("feat: x\n\nBREAKING-CHANGE: y").isBreaking()).isTrue();
    ConventionalCommit middle =
        ConventionalCommit.parse(
            "feat: x\n\nBREAKING CHANGE: the API changed.\n\nMore explanation here.\n");
    assertThat(middle.isBreaking()).isTrue();
    assertThat(middle.breakingNotes())
        .containsExactly("the API changed.\n\nMore explanation here.");
    // The spec says BREAKING CHANGE must be upper case; lower case is an ordinary body line.
    assertThat(ConventionalCommit.parse("feat: x\n\nbreaking change: y").isBreaking()).isFalse();
  }

  @Test
  void anOrdinaryLastParagraphIsBodyNotFooters() {
    ConventionalCommit c = ConventionalCommit.parse("fix: x\n\nJust some text: with a colon.");
    assertThat(c.footers()).isEmpty();
    assertThat(c.body()).isEqualTo("Just some text: with a colon.");
  }

  @Test
  void readsGitRevertMessagesAndRevertCommits() {
    ConventionalCommit git =
        ConventionalCommit.parse(
            "Revert \"feat(api): add x\"\n\nThis reverts commit"
                + " 0123456789abcdef0123456789abcdef01234567.\n");
    assertThat(git.isConventional()).isTrue();
    assertThat(git.type()).isEqualTo("revert");
    assertThat(git.description()).isEqualTo("feat(api): add x");
    assertThat(git.revertedCommit()).contains("0123456789abcdef0123456789abcdef01234567");
    assertThat(ReleaseRules.angular().releaseFor(git)).isEqualTo(ReleaseType.PATCH);

    ConventionalCommit conventional =
        ConventionalCommit.parse("revert: feat: add x\n\nThis reverts commit ABCDEF1.");
    assertThat(conventional.type()).isEqualTo("revert");
    assertThat(conventional.revertedCommit()).contains("abcdef1");
    assertThat(ConventionalCommit.parse("revert: something").revertedCommit()).isEmpty();
  }

  @Test
  void crlfMessagesParseLikeLf() {
    ConventionalCommit c = ConventionalCommit.parse("feat: x\r\n\r\nBREAKING CHANGE: y\r\n");
    assertThat(c.isBreaking()).isTrue();
    assertThat(c.breakingNotes()).containsExactly("y");
  }

  @Test
  void angularRulesMatchSemanticRelease() {
    ReleaseRules rules = ReleaseRules.angular();
    assertThat(rules.releaseFor(ConventionalCommit.parse("feat: a"))).isEqualTo(ReleaseType.MINOR);
    assertThat(rules.releaseFor(ConventionalCommit.parse("fix: a"))).isEqualTo(ReleaseType.PATCH);
    assertThat(rules.releaseFor(ConventionalCommit.parse("perf: a"))).isEqualTo(ReleaseType.PATCH);
    assertThat(rules.releaseFor(ConventionalCommit.parse("docs: a"))).isEqualTo(ReleaseType.NONE);
    assertThat(rules.releaseFor(ConventionalCommit.parse("chore: a\n\nBREAKING CHANGE: b")))
        .isEqualTo(ReleaseType.MAJOR);
    ReleaseRules custom =
        rules.toBuilder()
            .withType("Docs", ReleaseType.PATCH)
            .withBreaking(ReleaseType.MINOR)
            .build();
    assertThat(custom.releaseFor(ConventionalCommit.parse("docs: a"))).isEqualTo(ReleaseType.PATCH);
    assertThat(custom.releaseFor(ConventionalCommit.parse("feat!: a")))
        .isEqualTo(ReleaseType.MINOR);
    assertThat(custom.types()).containsKey("docs");
    assertThat(custom.toString()).contains("docs");
  }

  @Test
  void parsingArbitraryTextNeverThrows() {
    Random random = new Random(42);
    String alphabet = "ab:() !#\n\r-\"BREAKING CHANGE:Revert feat fix";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(80);
      for (int j = 0; j < length; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      ConventionalCommit c = ConventionalCommit.parse(sb.toString());
      assertThat(c.isBreaking()).isEqualTo(c.isConventional() && c.isBreaking());
      assertThat(c.breakingNotes().isEmpty()).isEqualTo(!c.isBreaking());
    }
  }
}
