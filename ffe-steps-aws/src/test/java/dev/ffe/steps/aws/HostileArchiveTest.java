package dev.ffe.steps.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ffe.steps.aws.internal.ArchiveScanner;
import dev.ffe.steps.aws.internal.Extractor;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile archive is refused and writes nothing outside the target. */
class HostileArchiveTest {
  @TempDir Path tmp;

  interface Content {
    void write(TarArchiveOutputStream tar) throws Exception;
  }

  private Path archive(Content content) throws Exception {
    Path file = tmp.resolve("hostile.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      content.write(tar);
    }
    return file;
  }

  private static void file(TarArchiveOutputStream tar, String name, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(bytes.length);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static void link(TarArchiveOutputStream tar, String name, String target)
      throws Exception {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    e.setLinkName(target);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private Path target() throws Exception {
    return Files.createDirectories(tmp.resolve("a/b/target"));
  }

  @Test
  void dotDotEntriesAreRefused() throws Exception {
    Path a =
        archive(
            tar -> {
              file(tar, "ok.txt", "fine");
              file(tar, "../../etc/x", "pwned");
            });
    Path target = target();
    assertThatThrownBy(() -> Backups.restoreArchive(a, target)).hasMessageContaining("'..'");
    assertThat(tmp.resolve("a/etc/x")).doesNotExist();
    assertThat(target.resolve("ok.txt")).doesNotExist(); // refused before anything was written
  }

  @Test
  void absolutePathsAreRefused() throws Exception {
    Path abs = tmp.resolve("abs/path");
    Path a = archive(tar -> file(tar, abs.toString(), "pwned"));
    assertThatThrownBy(() -> Backups.restoreArchive(a, target())).hasMessageContaining("absolute");
    assertThat(abs).doesNotExist();
  }

  @Test
  void aLinkOutOfTheTargetThenAFileThroughItIsRefused() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path a =
        archive(
            tar -> {
              link(tar, "evil", outside.toString());
              file(tar, "evil/pwned.txt", "pwned");
              link(tar, "evil2", "../../../outside");
              file(tar, "evil2/pwned.txt", "pwned");
            });
    Path target = target();
    assertThatThrownBy(() -> Backups.restoreArchive(a, target))
        .isInstanceOfSatisfying(
            BackupVerificationException.class,
            e ->
                assertThat(e.result().problems())
                    .anyMatch(p -> p.contains("symbolic link evil points outside the target"))
                    .anyMatch(
                        p ->
                            p.contains(
                                "evil/pwned.txt would be written through the symbolic link evil"))
                    .anyMatch(p -> p.contains("evil2/pwned.txt would be written through")));
    try (var s = Files.list(outside)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void theExtractorAloneNeverWritesThroughALinkEvenWhenLinksOutsideAreAllowed() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path a =
        archive(
            tar -> {
              link(tar, "evil", outside.toString());
              file(tar, "evil/pwned.txt", "pwned");
            });
    Path target = target();
    Extractor extractor = new Extractor(target, true);
    try (InputStream in = Files.newInputStream(a)) {
      assertThatThrownBy(() -> new ArchiveScanner(in).scan(extractor::entry))
          .hasMessageContaining("through the symbolic link evil");
    }
    assertThat(outside.resolve("pwned.txt")).doesNotExist();
  }

  @Test
  void devicesAndFifosAreRefused() throws Exception {
    Path a =
        archive(
            tar -> {
              TarArchiveEntry fifo = new TarArchiveEntry("pipe", TarConstants.LF_FIFO);
              tar.putArchiveEntry(fifo);
              tar.closeArchiveEntry();
              TarArchiveEntry dev = new TarArchiveEntry("disk", TarConstants.LF_BLK);
              tar.putArchiveEntry(dev);
              tar.closeArchiveEntry();
            });
    assertThatThrownBy(() -> Backups.restoreArchive(a, target()))
        .hasMessageContaining("device, fifo");
  }

  @Test
  void hardLinksInsideTheArchiveAreRestored() throws Exception {
    Path a =
        archive(
            tar -> {
              file(tar, "data.txt", "shared");
              TarArchiveEntry hard = new TarArchiveEntry("again.txt", TarConstants.LF_LINK);
              hard.setLinkName("data.txt");
              tar.putArchiveEntry(hard);
              tar.closeArchiveEntry();
            });
    Path target = target();
    Backups.restoreArchive(a, target);
    assertThat(target.resolve("again.txt")).hasContent("shared");
  }

  @Test
  void hardLinksToOutsideAreRefused() throws Exception {
    Path a =
        archive(
            tar -> {
              TarArchiveEntry hard = new TarArchiveEntry("passwd", TarConstants.LF_LINK);
              hard.setLinkName("../../../etc/passwd");
              tar.putArchiveEntry(hard);
              tar.closeArchiveEntry();
            });
    assertThatThrownBy(() -> Backups.restoreArchive(a, target())).hasMessageContaining("hard link");
  }
}
