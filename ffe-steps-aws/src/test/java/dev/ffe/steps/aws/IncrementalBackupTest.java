package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ffe.steps.aws.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalBackupTest {
  @TempDir Path tmp;
  Path source;
  MutableClock clock = new MutableClock(Instant.parse("2025-01-29T02:00:00Z"));
  Backups backups;

  @BeforeEach
  void setUp() throws Exception {
    source = Trees.sample(tmp.resolve("src"));
    backups =
        Backups.builder(
                BackupSpec.builder("ffe").source(source).build(),
                LocalTarget.of(tmp.resolve("backups")))
            .clock(clock)
            .build();
  }

  private BackupManifest manifest(BackupResult r) throws Exception {
    String base = r.archive().replace(".tar.gz", ".manifest.json");
    return Json.readManifest(Files.readAllBytes(tmp.resolve("backups/production").resolve(base)));
  }

  @Test
  void incrementalStoresOnlyChangesAndRecordsDeletions() throws Exception {
    BackupResult full = backups.full();
    clock.advance(Duration.ofDays(1));
    Trees.file(source, "config/app.yml", "port: 9090\n"); // same size, other content
    Files.setLastModifiedTime(
        source.resolve("config/app.yml"), FileTime.from(Trees.T0.plusSeconds(60)));
    Trees.file(source, "data/new.txt", "new");
    Files.setLastModifiedTime(
        source.resolve("data/new.txt"), FileTime.from(Trees.T0.plusSeconds(60)));
    Files.delete(source.resolve("logs/app.log"));
    Files.setPosixFilePermissions(
        source.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxrwxrwx"));

    BackupResult inc = backups.incremental();

    assertThat(inc.type()).isEqualTo(BackupType.INCREMENTAL);
    assertThat(inc.archive()).isEqualTo("ffe-incremental-20250130_020000.tar.gz");
    assertThat(inc.baseBackup()).isEqualTo(full.archive());
    assertThat(inc.files()).isEqualTo(3);
    assertThat(inc.deleted()).isEqualTo(1);
    BackupManifest m = manifest(inc);
    assertThat(m.base()).contains(full.archive());
    assertThat(m.fullBackup()).isEqualTo(full.archive());
    assertThat(m.deleted()).containsExactly("app/logs/app.log");
    assertThat(m.files())
        .filteredOn(e -> e.type().equals("file"))
        .extracting(BackupManifest.Entry::path)
        .containsExactlyInAnyOrder("app/config/app.yml", "app/data/new.txt", "app/bin/run.sh");
    assertThat(backups.verify(inc.archive()).valid()).isTrue();
  }

  @Test
  void restoringFullPlusIncrementalsReproducesTheTreeExactly() throws Exception {
    backups.full();
    clock.advance(Duration.ofDays(1));
    Trees.file(source, "data/added.txt", "added");
    Files.delete(source.resolve("current"));
    Files.createSymbolicLink(source.resolve("current"), Path.of("bin/run.sh"));
    BackupResult first = backups.incremental();
    clock.advance(Duration.ofDays(1));
    // a file becomes a directory, a whole directory goes away
    Files.delete(source.resolve("data/empty.txt"));
    Trees.file(source, "data/empty.txt/inner.txt", "now a dir");
    Extract.deleteTree(source.resolve("logs"));
    BackupResult second = backups.incremental();
    assertThat(second.baseBackup()).isEqualTo(first.archive());

    Path into = tmp.resolve("restore");
    RestoreResult r = backups.restore(Backups.LATEST, into);

    assertThat(r.archives()).hasSize(3);
    assertThat(Trees.describe(into.resolve("app"))).isEqualTo(Trees.describe(source));
  }

  @Test
  void restoringAnOlderIncrementalGivesThatPointInTime() throws Exception {
    backups.full();
    clock.advance(Duration.ofDays(1));
    Trees.file(source, "data/one.txt", "1");
    BackupResult first = backups.incremental();
    var snapshot = Trees.describe(source);
    clock.advance(Duration.ofDays(1));
    Trees.file(source, "data/two.txt", "2");
    backups.incremental();

    Path into = tmp.resolve("restore");
    backups.restore(first.archive(), into);
    assertThat(Trees.describe(into.resolve("app"))).isEqualTo(snapshot);
  }

  @Test
  void unchangedTreeGivesAnIncrementalWithoutFiles() {
    backups.full();
    clock.advance(Duration.ofDays(1));
    BackupResult inc = backups.incremental();
    assertThat(inc.files()).isZero();
    assertThat(inc.unchanged()).isEqualTo(8); // 7 files + 1 link
    assertThat(inc.deleted()).isZero();
  }

  @Test
  void recentlyModifiedFileWithSameSizeAndMtimeIsConfirmedByHash() throws Exception {
    // mtime inside the base backup's second: size + mtime cannot be trusted, the hash decides
    Instant racy = clock.instant();
    Path f = Trees.file(source, "config/racy.txt", "aaaa");
    Files.setLastModifiedTime(f, FileTime.from(racy));
    backups.full();
    Files.writeString(f, "bbbb");
    Files.setLastModifiedTime(f, FileTime.from(racy));
    clock.advance(Duration.ofHours(1));

    BackupResult inc = backups.incremental();
    assertThat(inc.files()).isEqualTo(1);
    Path into = tmp.resolve("r");
    backups.restore("latest", into);
    assertThat(into.resolve("app/config/racy.txt")).hasContent("bbbb");
  }

  @Test
  void incrementalWithoutAnyEarlierBackupTakesAFullOne() {
    BackupResult r = backups.incremental();
    assertThat(r.type()).isEqualTo(BackupType.FULL);
    assertThat(r.archive()).contains("-full-");
  }

  /** Small helper so tests can delete trees. */
  static final class Extract {
    static void deleteTree(Path p) throws java.io.IOException {
      dev.ffe.steps.aws.internal.Extractor.deleteTree(p);
    }
  }
}
