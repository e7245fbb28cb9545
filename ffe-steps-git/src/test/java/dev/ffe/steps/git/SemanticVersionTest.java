package dev.ffe.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionTest {
  // SemVer 2.0.0 item 11's example, in ascending precedence.
  private static final List<String> ORDERED =
      List.of(
          "1.0.0-alpha",
          "1.0.0-alpha.1",
          "1.0.0-alpha.beta",
          "1.0.0-beta",
          "1.0.0-beta.2",
          "1.0.0-beta.11",
          "1.0.0-rc.1",
          "1.0.0",
          "1.0.1",
          "1.1.0",
          "1.10.0",
          "2.0.0-0",
          "2.0.0");

  @Test
  void ordersBySemVerPrecedenceWhateverTheInputOrder() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<SemanticVersion> shuffled = new ArrayList<>();
      ORDERED.forEach(v -> shuffled.add(SemanticVersion.parse(v)));
      Collections.shuffle(shuffled, random);
      Collections.sort(shuffled);
      assertThat(shuffled).extracting(SemanticVersion::toString).containsExactlyElementsOf(ORDERED);
    }
  }

  @Test
  void orderIsAntisymmetricAndTransitiveOnRandomVersions() {
    Random random = new Random(11);
    List<SemanticVersion> versions = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String pre =
          random.nextBoolean()
              ? ""
              : "-"
                  + List.of("alpha", "beta", "rc", "1", "x-y").get(random.nextInt(5))
                  + (random.nextBoolean() ? "." + random.nextInt(12) : "");
      versions.add(
          SemanticVersion.parse(
              random.nextInt(3) + "." + random.nextInt(3) + "." + random.nextInt(3) + pre));
    }
    for (SemanticVersion a : versions) {
      for (SemanticVersion b : versions) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        assertThat(a.equals(b)).isEqualTo(a.compareTo(b) == 0);
        if (a.equals(b)) {
          assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
      }
    }
    List<SemanticVersion> sorted = new ArrayList<>(versions);
    Collections.sort(sorted);
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i - 1).compareTo(sorted.get(i))).isLessThanOrEqualTo(0);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "1.2.3, major, 2.0.0",
    "1.2.3, minor, 1.3.0",
    "1.2.3, patch, 1.2.4",
    "1.2.3, none, 1.2.3",
    "2.0.0-beta.3, major, 2.0.0",
    "1.3.0-beta.1, minor, 1.3.0",
    "1.3.1-beta.1, minor, 1.4.0",
    "1.3.1-beta.1, patch, 1.3.1",
    "1.2.0-rc.1, major, 2.0.0",
  })
  void bumpsLikeNodeSemverInc(String from, String type, String expected) {
    assertThat(SemanticVersion.parse(from).bump(ReleaseType.parse(type)))
        .isEqualTo(SemanticVersion.parse(expected));
  }

  @Test
  void preReleasesIncrementAndKeepTheirParts() {
    SemanticVersion v = SemanticVersion.parse("1.3.0-beta.9+build.7");
    assertThat(v.preRelease()).containsExactly("beta", "9");
    assertThat(v.build()).containsExactly("build", "7");
    assertThat(v.channel()).contains("beta");
    assertThat(v.nextPreRelease()).hasToString("1.3.0-beta.10");
    assertThat(SemanticVersion.parse("1.0.0-alpha").nextPreRelease()).hasToString("1.0.0-alpha.0");
    assertThat(SemanticVersion.of(1, 3, 0).withPreRelease("rc", 1)).hasToString("1.3.0-rc.1");
    assertThat(v.release()).hasToString("1.3.0");
    assertThat(v).isNotEqualTo(SemanticVersion.parse("1.3.0-beta.9"));
    assertThat(v.isAfter(SemanticVersion.parse("1.3.0-beta.8"))).isTrue();
    assertThatThrownBy(() -> SemanticVersion.of(1, 0, 0).nextPreRelease())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SemanticVersion.of(1, 0, 0).withPreRelease("be ta", 1))
        .hasMessageContaining("not a SemVer identifier");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1.2", "v1.2.3", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3+", "a.b.c", "1.2.3.4", ""})
  void rejectsTextThatIsNotSemVer(String text) {
    assertThat(SemanticVersion.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> SemanticVersion.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a semantic version");
  }

  @Test
  void releaseTypesParseAndCompare() {
    assertThat(ReleaseType.parse(" Minor ")).isEqualTo(ReleaseType.MINOR);
    assertThat(ReleaseType.PATCH.max(ReleaseType.MAJOR)).isEqualTo(ReleaseType.MAJOR);
    assertThat(ReleaseType.MAJOR.label()).isEqualTo("major");
    assertThatThrownBy(() -> ReleaseType.parse("huge"))
        .hasMessageContaining("not one of major, minor, patch, none");
    assertThatThrownBy(() -> SemanticVersion.of(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
