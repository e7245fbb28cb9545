package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.steps.aws.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackupTest {
  @TempDir Path tmp;
  Path source;
  Path backupsDir;
  MutableClock clock = new MutableClock(Instant.parse("2025-01-29T02:00:00Z"));

  @BeforeEach
  void setUp() throws Exception {
    source = Trees.sample(tmp.resolve("src"));
    backupsDir = tmp.resolve("backups");
  }

  private Backups backups(BackupSpec spec) {
    return Backups.builder(spec, LocalTarget.of(backupsDir))
        .clock(clock)
        .workDirectory(tmp.resolve("work"))
        .build();
  }

  private Backups backups() {
    return backups(BackupSpec.builder("finance-feedback-engine").source(source).build());
  }

  @Test
  void fullBackupWritesArchiveManifestAndChecksumNamedAfterTheClock() throws Exception {
    BackupResult r = backups().full();

    assertThat(r.archive()).isEqualTo("finance-feedback-engine-full-20250129_020000.tar.gz");
    Path dir = backupsDir.resolve("production");
    assertThat(dir.resolve(r.archive())).exists();
    assertThat(dir.resolve("finance-feedback-engine-full-20250129_020000.manifest.json")).exists();
    assertThat(Files.readString(dir.resolve(r.archive() + ".sha256")))
        .isEqualTo(r.sha256() + "  " + r.archive() + "\n");
    assertThat(r.files()).isEqualTo(7);
    assertThat(r.type()).isEqualTo(BackupType.FULL);
    assertThat(r.location()).isEqualTo("file:" + dir.resolve(r.archive()));
    assertThat(r.archiveBytes()).isEqualTo(Files.size(dir.resolve(r.archive())));
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }
  }

  @Test
  void manifestListsEveryEntryWithSizeModeMtimeAndHash() throws Exception {
    BackupResult r = backups().full();
    byte[] json =
        Files.readAllBytes(
            backupsDir
                .resolve("production")
                .resolve("finance-feedback-engine-full-20250129_020000.manifest.json"));
    BackupManifest m = Json.readManifest(json);

    assertThat(m.type()).isEqualTo(BackupType.FULL);
    assertThat(m.archive()).isEqualTo(r.archive());
    assertThat(m.fullBackup()).isEqualTo(r.archive());
    assertThat(m.base()).isEmpty();
    assertThat(m.created()).isEqualTo("2025-01-29T02:00:00Z");
    assertThat(m.toolVersion()).startsWith("ffe ");
    BackupManifest.Entry db =
        m.files().stream()
            .filter(e -> e.path().equals("app/config/secrets/db.env"))
            .findFirst()
            .orElseThrow();
    assertThat(db.mode()).isEqualTo("0600");
    assertThat(db.size()).isEqualTo(8);
    assertThat(db.mtime()).isEqualTo(Trees.T0.toString());
    assertThat(db.sha256())
        .isEqualTo(
            dev.ffe.steps.aws.internal.Hashing.sha256(source.resolve("config/secrets/db.env")));
    BackupManifest.Entry link =
        m.files().stream().filter(e -> e.path().equals("app/current")).findFirst().orElseThrow();
    assertThat(link.type()).isEqualTo("symlink");
    assertThat(link.linkTarget()).isEqualTo("config/app.yml");
    String text = new String(json, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\"base_backup\"".substring(0, 0))
        .contains("\"tool_version\"")
        .contains("\"link_target\"");
  }

  @Test
  void restoreReproducesTheSourceTreeWithModesMtimesAndLinks() throws Exception {
    Backups backups = backups();
    BackupResult r = backups.full();
    Path into = tmp.resolve("restore");

    RestoreResult restored = backups.restore(Backups.LATEST, into);

    assertThat(restored.archives()).containsExactly(r.archive());
    assertThat(restored.files()).isEqualTo(7);
    assertThat(Trees.describe(into.resolve("app"))).isEqualTo(Trees.describe(source));
    assertThat(into.resolve(".ffe-manifest.json")).doesNotExist();
  }

  @Test
  void verifyAcceptsAnIntactArchive() {
    Backups backups = backups();
    BackupResult r = backups.full();

    VerifyResult v = backups.verify(r.archive());

    assertThat(v.problems()).isEmpty();
    assertThat(v.valid()).isTrue();
    assertThat(v.checksumOk()).isTrue();
    assertThat(v.files()).isEqualTo(7);
    assertThat(v.sha256()).isEqualTo(r.sha256());
  }

  @Test
  void includeAndExcludeGlobsSelectFiles() throws Exception {
    BackupSpec spec =
        BackupSpec.builder("sel")
            .source(source)
            .exclude("logs")
            .include("*.yml")
            .include("app/bin/**")
            .build();
    Backups backups = backups(spec);
    backups.full();
    Path into = tmp.resolve("r");
    backups.restore("latest", into);

    Map<String, String> tree = Trees.describe(into.resolve("app"));
    assertThat(tree.keySet())
        .contains("config/app.yml", "bin/run.sh")
        .doesNotContain("logs", "config/secrets/db.env", "current");
  }

  @Test
  void twoBackupsInTheSameSecondAreRefused() {
    Backups backups = backups();
    backups.full();
    assertThatThrownBy(backups::incremental)
        .isInstanceOf(BackupException.class)
        .hasMessageContaining("distinct seconds");
  }

  @Test
  void missingSourceIsNamedAndNothingIsWritten() {
    Path missing = tmp.resolve("nope");
    Backups backups = backups(BackupSpec.builder("x").source(missing).build());
    assertThatThrownBy(backups::full)
        .isInstanceOf(BackupException.class)
        .hasMessageContaining(missing.toString());
    assertThat(backupsDir).doesNotExist();
  }

  @Test
  void unwritableTargetIsNamedAndLeavesNoBackup() throws Exception {
    Files.writeString(tmp.resolve("blocker"), "a file where the directory should be");
    Backups backups =
        Backups.builder(
                BackupSpec.builder("x").source(source).build(),
                LocalTarget.of(tmp.resolve("blocker")))
            .clock(clock)
            .build();
    assertThatThrownBy(backups::full)
        .isInstanceOf(BackupException.class)
        .hasMessageContaining(tmp.resolve("blocker").toString())
        .hasMessageContaining("not writable");
  }

  @Test
  void unreadableFileFailsTheBackupWithoutLeavingOne() throws Exception {
    Path secret = source.resolve("config/locked.txt");
    Files.writeString(secret, "x");
    Files.setPosixFilePermissions(
        secret, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(secret), "running as root: every file is readable");
    Backups backups = backups();
    assertThatThrownBy(backups::full)
        .isInstanceOf(BackupException.class)
        .hasMessageContaining(secret.toString());
    assertThat(backups.list()).isEmpty();
  }

  @Test
  void resultSerializesWithSnakeCaseNames() {
    BackupResult r = backups().full();
    String json = Json.toJson(r);
    assertThat(json)
        .contains("\"archive\":\"finance-feedback-engine-full-20250129_020000.tar.gz\"")
        .contains("\"files\":7")
        .contains("\"bytes\":")
        .contains("\"sha256\":\"" + r.sha256() + "\"")
        .contains("\"duration\":")
        .contains("\"archive_bytes\":")
        .contains("\"type\":\"full\"");
  }

  @Test
  void restoreRefusesANonEmptyDirectoryUnlessOverwriting() throws Exception {
    Backups backups = backups();
    backups.full();
    Path into = tmp.resolve("busy");
    Trees.file(into, "keep.txt", "mine");
    assertThatThrownBy(() -> backups.restore("latest", into)).hasMessageContaining("not empty");
    backups.restore("latest", into, true);
    assertThat(into.resolve("keep.txt")).hasContent("mine");
    assertThat(into.resolve("app/config/app.yml")).exists();
  }

  @Test
  void listShowsOnlyCompleteBackupsOfThisSeriesAndEnvironment() throws Exception {
    backups().full();
    clock.advance(Duration.ofHours(1));
    backups(BackupSpec.builder("other").source(source).build()).full();
    backups(
            BackupSpec.builder("finance-feedback-engine")
                .environment("staging")
                .source(source)
                .build())
        .full();
    Files.writeString(
        backupsDir.resolve("production/finance-feedback-engine-full-20250129_040000.tar.gz"),
        "orphan");

    List<BackupInfo> list = backups().list();
    assertThat(list)
        .extracting(BackupInfo::archive)
        .containsExactly("finance-feedback-engine-full-20250129_020000.tar.gz");
    assertThat(list.get(0).timestamp()).isEqualTo("2025-01-29T02:00:00Z");
  }

  @Test
  void unknownArchiveNamesAreRefused() {
    Backups backups = backups();
    assertThatThrownBy(() -> backups.verify("latest"))
        .hasMessageContaining("run a full backup first");
    assertThatThrownBy(() -> backups.verify("nope.tar.gz"))
        .hasMessageContaining("not an archive of backup");
    assertThatThrownBy(() -> backups.verify("finance-feedback-engine-full-20250101_000000.tar.gz"))
        .hasMessageContaining("incomplete");
  }
}
