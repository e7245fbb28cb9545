package dev.ffe.steps.aws.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a {@code tar.gz} stream (one or more gzip members) entry by entry while hashing the
 * compressed bytes, so a single pass both tests the archive and checks its {@code .sha256}. Not
 * thread-safe.
 */
public final class ArchiveScanner {
  /** Receives each entry; {@code content} is valid only during the call. */
  @FunctionalInterface
  public interface Handler {
    /** Handles one entry. */
    void entry(TarArchiveEntry entry, InputStream content) throws IOException;
  }

  private final CountingDigestInputStream raw;

  /** Wraps the raw (compressed) archive stream; the caller closes it. */
  public ArchiveScanner(InputStream raw) {
    this.raw = new CountingDigestInputStream(raw);
  }

  /**
   * Reads every entry, then the rest of the gzip stream (so its CRC is checked).
   *
   * @throws IOException when the archive cannot be decompressed or parsed, or the handler fails
   */
  public void scan(Handler handler) throws IOException {
    // Concatenated gzip members (pigz, our parallel writer) are read to the end without relying
    // on available(), which a network stream may report as 0 between members.
    GzipCompressorInputStream gzip =
        GzipCompressorInputStream.builder()
            .setInputStream(new java.io.BufferedInputStream(raw, 64 * 1024))
            .setDecompressConcatenated(true)
            .get();
    // Decompress on a second thread while this one hashes and writes, like gzip -d | tar x.
    try (ReadAheadInputStream decompressed = new ReadAheadInputStream(gzip)) {
      TarArchiveInputStream tar =
          new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name());
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        handler.entry(entry, tar);
      }
      decompressed.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Reads what is left of the raw stream so the archive hash covers every byte. */
  public void drain() throws IOException {
    raw.transferTo(OutputStream.nullOutputStream());
  }

  /** Returns the SHA-256 of the raw bytes read; call after {@link #drain()}. */
  public String sha256() {
    return raw.hex();
  }

  /** Returns the number of raw bytes read. */
  public long rawBytes() {
    return raw.count;
  }

  private static final class CountingDigestInputStream extends FilterInputStream {
    private final MessageDigest digest = Hashing.sha256();
    private long count;
    private String hex;

    CountingDigestInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        digest.update((byte) b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        digest.update(b, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[8192];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    String hex() {
      if (hex == null) {
        hex = Hashing.hex(digest.digest());
      }
      return hex;
    }
  }
}
