package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.steps.aws.internal.BackupNames;
import dev.ffe.steps.aws.internal.Hashing;
import dev.ffe.steps.aws.internal.SafePaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValidationTest {
  @Test
  void specsRejectBadNamesGlobsLevelsAndCollidingSources() {
    assertThatThrownBy(() -> BackupSpec.builder("bad name")).hasMessageContaining("bad name");
    assertThatThrownBy(() -> BackupSpec.builder("ok").environment("../x"))
        .hasMessageContaining("environment");
    assertThatThrownBy(() -> BackupSpec.builder("ok").exclude(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> BackupSpec.builder("ok").include("[a"))
        .hasMessageContaining("not valid");
    assertThatThrownBy(() -> BackupSpec.builder("ok").compressionLevel(0))
        .hasMessageContaining("1 (fastest)");
    assertThatThrownBy(
            () -> BackupSpec.builder("ok").source(Path.of("/a/x")).source(Path.of("/b/x")).build())
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> BackupSpec.builder("ok").source(Path.of("/")))
        .hasMessageContaining("no file name");
    BackupSpec spec = BackupSpec.builder("ok").source(Path.of("rel")).build();
    assertThat(spec.sources().get(0)).isAbsolute();
    assertThat(spec.toString()).contains("ok/production");
    assertThatThrownBy(() -> new RetentionPolicy(Duration.ofDays(-1), Duration.ZERO, 1))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO, Duration.ZERO, -1))
        .hasMessageContaining("keepLatestFulls");
    assertThatThrownBy(() -> BackupType.fromLabel("partial"))
        .hasMessageContaining("'full' or 'incremental'");
    assertThatThrownBy(() -> S3Target.builder("Bad_Bucket")).hasMessageContaining("bucket name");
    assertThatThrownBy(() -> S3Target.builder("good-bucket").partSize(1024))
        .hasMessageContaining("5 MiB");
  }

  @Test
  void archiveNamesRoundTripAndStayInTheirSeries() {
    Instant at = Instant.parse("2025-01-29T02:00:00.999Z");
    String name = BackupNames.archive("finance-feedback-engine", BackupType.FULL, at);
    assertThat(name).isEqualTo("finance-feedback-engine-full-20250129_020000.tar.gz");
    assertThat(BackupNames.parse(name, "finance-feedback-engine")).isPresent();
    assertThat(BackupNames.parse(name, "finance")).isEmpty();
    assertThat(BackupNames.parse("app-full-full-20250129_020000.tar.gz", "app")).isEmpty();
    assertThat(BackupNames.manifest(name))
        .isEqualTo("finance-feedback-engine-full-20250129_020000.manifest.json");
  }

  @Test
  void sha256sumLinesAreParsedStrictly() {
    String hash = "a".repeat(64);
    assertThat(Hashing.parseSumFile(hash + "  x.tar.gz\n", "x.tar.gz")).isEqualTo(hash);
    assertThat(Hashing.parseSumFile(hash.toUpperCase() + " *x.tar.gz\n", "x.tar.gz"))
        .isEqualTo(hash);
    assertThatThrownBy(() -> Hashing.parseSumFile(hash + "  y.tar.gz\n", "x.tar.gz"))
        .hasMessageContaining("x.tar.gz");
  }

  @Test
  void aFileThatShrinksWhileReadFailsInsteadOfBeingPadded(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path file = java.nio.file.Files.writeString(tmp.resolve("f.txt"), "ten bytes!");
    var entry =
        new dev.ffe.steps.aws.internal.SourceEntry(
            "f.txt",
            file,
            "file",
            100,
            java.nio.file.attribute.FileTime.from(Instant.EPOCH),
            0644,
            0,
            0,
            "");
    var out = new java.io.ByteArrayOutputStream();
    var writer = new dev.ffe.steps.aws.internal.ArchiveWriter(out, 6, 2);
    assertThatThrownBy(() -> writer.addFile(entry))
        .hasMessageContaining("shrank")
        .hasMessageContaining("f.txt");
    assertThatThrownBy(writer::close).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void entryNamesAreCleanedOrRefused() {
    assertThat(SafePaths.clean("./a//b/./c/")).contains("a/b/c");
    assertThat(SafePaths.clean("./")).isEmpty();
    assertThatThrownBy(() -> SafePaths.clean("a/../../b")).hasMessageContaining("..");
    assertThatThrownBy(() -> SafePaths.clean("/etc/passwd")).hasMessageContaining("absolute");
    assertThatThrownBy(() -> SafePaths.clean("a\0b")).hasMessageContaining("NUL");
    assertThat(SafePaths.linkStaysInside("a/b/link", "../c")).isTrue();
    assertThat(SafePaths.linkStaysInside("a/link", "../../c")).isFalse();
    assertThat(SafePaths.linkStaysInside("link", "/etc")).isFalse();
  }
}
