package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our archives open with GNU tar and sha256sum, and we restore what GNU tar made. */
class InteropTest {
  @TempDir Path tmp;
  Path source;
  Backups backups;
  BackupResult full;
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    source = Trees.sample(tmp.resolve("src"));
    backups =
        Backups.builder(
                BackupSpec.builder("ffe").source(source).build(), LocalTarget.of(tmp.resolve("b")))
            .clock(new MutableClock(Instant.parse("2025-01-29T02:00:00Z")))
            .build();
    full = backups.full();
    dir = tmp.resolve("b/production");
  }

  private static String run(Path cwd, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", List.of(command), out).isZero();
    return out;
  }

  @Test
  void gnuTarListsOurArchive() throws Exception {
    String listing = run(dir, "tar", "-tzf", full.archive());
    assertThat(listing)
        .contains("app/config/app.yml")
        .contains("x".repeat(90) + ".bin")
        .contains("app/logs/zoë-ünïcode.txt")
        .contains(".ffe-manifest.json");
  }

  @Test
  void gnuTarExtractsOurArchiveByteIdentically() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("gnu"));
    run(out, "tar", "-xzf", dir.resolve(full.archive()).toString());
    assertThat(Trees.describeWithoutDirTimes(out.resolve("app")))
        .isEqualTo(Trees.describeWithoutDirTimes(source));
  }

  @Test
  void sha256sumAcceptsOurChecksumFile() throws Exception {
    assertThat(run(dir, "sha256sum", "-c", full.archive() + ".sha256"))
        .contains(full.archive() + ": OK");
  }

  @Test
  void weRestoreAnArchiveGnuTarMade() throws Exception {
    Path made = tmp.resolve("gnu.tar.gz");
    run(tmp.resolve("src"), "tar", "-czf", made.toString(), "app");
    run(tmp, "sh", "-c", "sha256sum gnu.tar.gz > gnu.tar.gz.sha256");

    RestoreResult r = Backups.restoreArchive(made, tmp.resolve("restored"));

    assertThat(r.files()).isEqualTo(7);
    assertThat(Trees.describe(tmp.resolve("restored/app"))).isEqualTo(Trees.describe(source));
  }

  @Test
  void aForeignArchiveWithAWrongChecksumIsRefused() throws Exception {
    Path made = tmp.resolve("gnu.tar.gz");
    run(tmp.resolve("src"), "tar", "-czf", made.toString(), "app");
    Files.writeString(tmp.resolve("gnu.tar.gz.sha256"), "0".repeat(64) + "  gnu.tar.gz\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Backups.restoreArchive(made, tmp.resolve("x")))
        .isInstanceOf(BackupVerificationException.class)
        .hasMessageContaining("gnu.tar.gz");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void parallelGzipMembersAreOneStreamForGnuTarAndGzip() throws Exception {
    Path big = tmp.resolve("big");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 120_000; i++) {
      text.append("line ").append(i).append(" of a compressible log\n");
    }
    Trees.file(big, "logs/big.log", text.toString()); // about 3.5 MB: several 1 MiB members
    Backups parallel =
        Backups.builder(
                BackupSpec.builder("par").source(big.resolve("logs")).compressionThreads(2).build(),
                LocalTarget.of(tmp.resolve("b")))
            .clock(new MutableClock(Instant.parse("2025-01-29T03:00:00Z")))
            .build();
    BackupResult r = parallel.full();

    run(dir, "gzip", "-t", r.archive());
    Path out = Files.createDirectories(tmp.resolve("gnu-par"));
    run(out, "tar", "-xzf", dir.resolve(r.archive()).toString());
    assertThat(Trees.describe(out.resolve("logs"))).isEqualTo(Trees.describe(big.resolve("logs")));
    assertThat(parallel.verify(r.archive()).valid()).isTrue();
  }

  @Test
  void singleThreadedCompressionWritesOneMember() throws Exception {
    Backups single =
        Backups.builder(
                BackupSpec.builder("one")
                    .source(source)
                    .compressionThreads(1)
                    .compressionLevel(9)
                    .build(),
                LocalTarget.of(tmp.resolve("b")))
            .clock(new MutableClock(Instant.parse("2025-01-29T03:00:00Z")))
            .build();
    BackupResult r = single.full();
    run(dir, "gzip", "-t", r.archive());
    assertThat(single.verify(r.archive()).valid()).isTrue();
  }

  static void unused() throws IOException {}
}
