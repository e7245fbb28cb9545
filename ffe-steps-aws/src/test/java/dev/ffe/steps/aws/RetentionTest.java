package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  static final Instant DAY0 = Instant.parse("2025-01-01T02:00:00Z");
  @TempDir Path tmp;
  Path source;
  MutableClock clock = new MutableClock(DAY0);
  RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(3), Duration.ofDays(7), 1);

  @BeforeEach
  void setUp() throws Exception {
    source = tmp.resolve("src");
    Trees.file(source, "a.txt", "a");
  }

  private Backups backups(String name, String environment) {
    return Backups.builder(
            BackupSpec.builder(name).environment(environment).source(source).build(),
            LocalTarget.of(tmp.resolve("b")))
        .clock(clock)
        .retention(policy)
        .build();
  }

  private static String name(String type, int day) {
    return "ffe-" + type + "-202501" + String.format("%02d", day + 1) + "_020000.tar.gz";
  }

  /** Weekly fulls on days 0 and 7, daily incrementals between; returns at day 14. */
  private Backups twoWeeks() {
    Backups b = backups("ffe", "production");
    for (int day = 0; day < 14; day++) {
      if (day % 7 == 0) {
        b.full();
      } else {
        b.incremental();
      }
      clock.advance(Duration.ofDays(1));
    }
    return b;
  }

  @Test
  void expiredBackupsGoButAnExpiredBaseOfAKeptIncrementalStays() {
    Backups b = twoWeeks();

    CleanupResult r = b.cleanup(false);

    assertThat(r.deleted())
        .containsExactly(
            name("full", 0),
            name("incremental", 1),
            name("incremental", 2),
            name("incremental", 3),
            name("incremental", 4),
            name("incremental", 5),
            name("incremental", 6));
    assertThat(r.keptForChain())
        .containsExactly(name("incremental", 8), name("incremental", 9), name("incremental", 10));
    assertThat(r.kept()).contains(name("full", 7), name("incremental", 13));
    assertThat(r.bytesFreed()).isPositive();
    assertThat(b.list())
        .extracting(BackupInfo::archive)
        .doesNotContain(name("full", 0))
        .contains(name("full", 7));
    assertThat(
            tmp.resolve("b/production")
                .resolve(name("full", 0).replace(".tar.gz", ".manifest.json")))
        .doesNotExist();
    Path into = tmp.resolve("r");
    b.restore("latest", into);
    assertThat(into.resolve("src/a.txt")).hasContent("a");
  }

  @Test
  void dryRunListsWhatWouldGoAndDeletesNothing() {
    Backups b = twoWeeks();
    List<BackupInfo> before = b.list();

    CleanupResult r = b.cleanup(true);

    assertThat(r.dryRun()).isTrue();
    assertThat(r.deleted()).hasSize(7);
    assertThat(b.list()).isEqualTo(before);
  }

  @Test
  void cleanupIsScopedToItsSeriesAndEnvironment() {
    Backups other = backups("other", "production");
    Backups staging = backups("ffe", "staging");
    other.full();
    staging.full();
    clock.advance(Duration.ofDays(1));
    Backups b = backups("ffe", "production");
    b.full();
    clock.advance(Duration.ofDays(1));
    b.full();
    clock.advance(Duration.ofDays(100));

    CleanupResult r = b.cleanup(false);

    assertThat(r.deleted()).containsExactly(name("full", 1));
    assertThat(r.kept()).containsExactly(name("full", 2)); // the newest full is always kept
    assertThat(other.list()).hasSize(1);
    assertThat(staging.list()).hasSize(1);
  }

  @Test
  void expiredIncompleteBackupsAreRemovedAndRecentOnesLeftAlone() throws Exception {
    Backups b = backups("ffe", "production");
    b.full();
    Path dir = tmp.resolve("b/production");
    Files.writeString(dir.resolve(name("incremental", 1)), "crashed before its checksum");
    Files.writeString(dir.resolve(name("incremental", 20)), "maybe still uploading");
    clock.advance(Duration.ofDays(20));

    CleanupResult r = b.cleanup(false);

    assertThat(r.deleted()).containsExactly(name("incremental", 1));
    assertThat(dir.resolve(name("incremental", 1))).doesNotExist();
    assertThat(dir.resolve(name("incremental", 20))).exists();
  }

  @Test
  void defaultsKeepIncrementalsThirtyAndFullsNinetyDays() {
    RetentionPolicy d = RetentionPolicy.defaults();
    assertThat(d.maxAge(BackupType.INCREMENTAL)).isEqualTo(Duration.ofDays(30));
    assertThat(d.maxAge(BackupType.FULL)).isEqualTo(Duration.ofDays(90));
    assertThat(
            d.withFulls(Duration.ofDays(1))
                .withIncrementals(Duration.ofHours(1))
                .withKeepLatestFulls(2))
        .isEqualTo(new RetentionPolicy(Duration.ofHours(1), Duration.ofDays(1), 2));
  }
}
