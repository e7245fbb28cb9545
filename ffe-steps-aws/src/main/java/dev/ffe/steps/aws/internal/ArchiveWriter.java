package dev.ffe.steps.aws.internal;

import dev.ffe.steps.aws.BackupException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams a POSIX (pax) tar into gzip, hashing each file's content while it is written and the
 * compressed bytes while they leave, so a backup reads every source byte once and never holds a
 * whole file in memory. Not thread-safe.
 */
public final class ArchiveWriter implements AutoCloseable {
  private final CountingDigestOutputStream sink;
  private final TarArchiveOutputStream tar;
  private final OutputStream gzip;
  private final byte[] buffer = new byte[Hashing.BUFFER];
  private boolean finished;

  /**
   * Wraps the archive file's stream; closing this writer closes it.
   *
   * @param threads compression threads; above 1, gzip runs pigz-style in independent members
   */
  public ArchiveWriter(OutputStream archive, int compressionLevel, int threads) throws IOException {
    this.sink = new CountingDigestOutputStream(archive);
    OutputStream buffered = new BufferedOutputStream(sink, Hashing.BUFFER);
    this.gzip =
        threads > 1
            ? new ParallelGzipOutputStream(buffered, compressionLevel, threads)
            : new LevelGzipOutputStream(buffered, compressionLevel);
    this.tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name());
    // ustar breaks on names over 100 characters and files over 8 GiB; pax headers do not.
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  private static TarArchiveEntry entry(String name, byte flag, SourceEntry e, int typeBits) {
    TarArchiveEntry entry = new TarArchiveEntry(name, flag);
    entry.setMode(typeBits | e.mode());
    entry.setLastModifiedTime(e.mtime());
    entry.setUserId(e.uid());
    entry.setGroupId(e.gid());
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }

  /** Adds a directory entry. */
  public void addDirectory(SourceEntry e) throws IOException {
    tar.putArchiveEntry(entry(e.archivePath() + "/", TarConstants.LF_DIR, e, 040000));
    tar.closeArchiveEntry();
  }

  /** Adds a symbolic link entry (the link itself, never what it points to). */
  public void addSymlink(SourceEntry e) throws IOException {
    TarArchiveEntry entry = entry(e.archivePath(), TarConstants.LF_SYMLINK, e, 0120000);
    entry.setLinkName(e.linkTarget());
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  /**
   * Adds a regular file, streaming its content.
   *
   * @return the content's SHA-256, or empty when the file vanished before it could be opened
   * @throws BackupException when the file cannot be read or shrinks while it is read
   */
  public Optional<String> addFile(SourceEntry e) throws IOException {
    InputStream in;
    try {
      in = Files.newInputStream(e.file());
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (AccessDeniedException denied) {
      throw SourceWalker.unreadable(e.file(), denied);
    }
    MessageDigest digest = Hashing.sha256();
    try (in) {
      TarArchiveEntry entry = entry(e.archivePath(), TarConstants.LF_NORMAL, e, 0100000);
      entry.setSize(e.size());
      tar.putArchiveEntry(entry);
      long remaining = e.size();
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          // The header already promised e.size() bytes; padding would silently corrupt the copy.
          throw new BackupException(
              "file "
                  + e.file()
                  + " shrank while it was being backed up: stop writers to it or exclude it, then"
                  + " run the backup again");
        }
        digest.update(buffer, 0, n);
        tar.write(buffer, 0, n);
        remaining -= n;
      }
      tar.closeArchiveEntry();
    }
    return Optional.of(Hashing.hex(digest.digest()));
  }

  /** Adds a small in-memory file (the manifest). */
  public void addBytes(String name, byte[] content, FileTime mtime) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
    entry.setMode(0100644);
    entry.setLastModifiedTime(mtime);
    entry.setUserName("");
    entry.setGroupName("");
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** Writes the tar end blocks and the gzip trailer, and flushes. */
  public void finish() throws IOException {
    tar.finish();
    tar.close();
    finished = true;
  }

  /** Returns the SHA-256 of the compressed archive; valid after {@link #finish()}. */
  public String sha256() {
    if (!finished) {
      throw new IllegalStateException("call finish() first");
    }
    return sink.hex();
  }

  /** Returns the size of the compressed archive; valid after {@link #finish()}. */
  public long archiveBytes() {
    return sink.count();
  }

  /** Closes the streams; after a failure the compression threads are stopped too. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      finished = true;
      try {
        tar.close();
      } finally {
        gzip.close(); // idempotent; releases the Deflater and the compression threads
      }
    }
  }

  /** Gzip at a chosen level with a large buffer. */
  private static final class LevelGzipOutputStream extends GZIPOutputStream {
    LevelGzipOutputStream(OutputStream out, int level) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(level);
    }
  }
}
