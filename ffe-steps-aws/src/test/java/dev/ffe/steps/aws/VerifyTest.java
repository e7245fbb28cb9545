package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.steps.aws.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyTest {
  @TempDir Path tmp;
  Backups backups;
  BackupResult full;
  Path archive;

  @BeforeEach
  void setUp() throws Exception {
    Path source = Trees.sample(tmp.resolve("src"));
    backups =
        Backups.builder(
                BackupSpec.builder("ffe").source(source).build(), LocalTarget.of(tmp.resolve("b")))
            .clock(new MutableClock(Instant.parse("2025-01-29T02:00:00Z")))
            .workDirectory(tmp.resolve("work"))
            .build();
    full = backups.full();
    archive = tmp.resolve("b/production").resolve(full.archive());
  }

  private static void flip(Path file, long position, int bit) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) position] ^= (byte) (1 << bit);
    Files.write(file, bytes);
  }

  @Test
  void aBitFlippedAnywhereInTheArchiveIsDetected() throws Exception {
    long size = Files.size(archive);
    List<Long> positions =
        new ArrayList<>(List.of(0L, 3L, 9L, 20L, size / 3, size / 2, size - 9, size - 1));
    for (long p : positions) {
      int bit = (int) (p % 8);
      flip(archive, p, bit);
      VerifyResult v = backups.verify(full.archive());
      assertThat(v.valid()).as("flip at %d", p).isFalse();
      assertThat(v.checksumOk()).as("flip at %d", p).isFalse();
      assertThat(v.problems().get(0)).contains(full.archive());
      flip(archive, p, bit);
    }
    assertThat(backups.verify(full.archive()).valid()).isTrue();
  }

  @Test
  void restoreRefusesACorruptArchiveBeforeWritingAnything() throws Exception {
    flip(archive, Files.size(archive) / 2, 1);
    Path into = tmp.resolve("r");
    assertThatThrownBy(() -> backups.restore("latest", into))
        .isInstanceOf(BackupVerificationException.class)
        .hasMessageContaining(full.archive())
        .satisfies(e -> assertThat(((BackupVerificationException) e).result().valid()).isFalse());
    try (var s = Files.list(into)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aManifestMismatchNamesTheFileAndTheBackup() throws Exception {
    Path sidecar =
        tmp.resolve("b/production").resolve(full.archive().replace(".tar.gz", ".manifest.json"));
    BackupManifest m = Json.readManifest(Files.readAllBytes(sidecar));
    List<BackupManifest.Entry> files = new ArrayList<>();
    for (BackupManifest.Entry e : m.files()) {
      files.add(
          e.path().equals("app/config/app.yml")
              ? new BackupManifest.Entry(
                  e.path(), e.type(), e.size(), e.mtime(), e.mode(), "0".repeat(64), "")
              : e);
    }
    BackupManifest tampered =
        new BackupManifest(
            m.format(),
            m.name(),
            m.environment(),
            m.type(),
            m.archive(),
            m.baseBackup(),
            m.fullBackup(),
            m.created(),
            m.toolVersion(),
            m.sources(),
            files,
            m.deleted());
    Files.write(sidecar, Json.write(tampered));

    VerifyResult v = backups.verify(full.archive());

    assertThat(v.valid()).isFalse();
    assertThat(v.checksumOk()).isTrue();
    assertThat(v.problems())
        .anyMatch(
            p ->
                p.contains("app/config/app.yml")
                    && p.contains(full.archive())
                    && p.contains("sha256"))
        .anyMatch(p -> p.contains("differs from the one inside"));
  }

  @Test
  void aTestExtractingRestoreRefusesACorruptArchiveToo() throws Exception {
    Backups strict =
        Backups.builder(backups.spec(), backups.target())
            .testExtractBeforeRestore(true)
            .workDirectory(tmp.resolve("work"))
            .build();
    Path into = tmp.resolve("strict");
    strict.restore("latest", into);
    assertThat(into.resolve("app/config/app.yml")).exists();
    flip(archive, Files.size(archive) / 3, 4);
    assertThatThrownBy(() -> strict.restore("latest", tmp.resolve("strict2")))
        .isInstanceOf(BackupVerificationException.class);
  }

  @Test
  void aRestoreStopsWhenTheManifestDisagreesWithTheArchive() throws Exception {
    Path sidecar =
        tmp.resolve("b/production").resolve(full.archive().replace(".tar.gz", ".manifest.json"));
    BackupManifest m = Json.readManifest(Files.readAllBytes(sidecar));
    List<BackupManifest.Entry> files = new ArrayList<>(m.files());
    files.removeIf(e -> e.path().equals("app/logs/app.log"));
    Files.write(
        sidecar,
        Json.write(
            new BackupManifest(
                m.format(),
                m.name(),
                m.environment(),
                m.type(),
                m.archive(),
                m.baseBackup(),
                m.fullBackup(),
                m.created(),
                m.toolVersion(),
                m.sources(),
                files,
                m.deleted())));
    assertThatThrownBy(() -> backups.restore("latest", tmp.resolve("r")))
        .hasMessageContaining("app/logs/app.log")
        .hasMessageContaining(full.archive());
  }

  @Test
  void aTruncatedArchiveIsReportedNotThrown() throws Exception {
    byte[] bytes = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    VerifyResult v = backups.verify("latest");
    assertThat(v.valid()).isFalse();
    assertThat(v.problems()).anyMatch(p -> p.contains("cannot be read"));
  }

  @Test
  void verifyStepFailsWithTheProblem() throws Exception {
    flip(archive, 100, 2);
    var result =
        dev.ffe.core.testing.TestWorkflowExecutor.create()
            .run(
                dev.ffe.core.WorkflowStep.sequential(
                    "wf", BackupSteps.verify("verify", backups, "latest")));
    assertThat(result.success()).isFalse();
    assertThat(result.step("verify").orElseThrow().error().orElseThrow()).contains(full.archive());
  }
}
