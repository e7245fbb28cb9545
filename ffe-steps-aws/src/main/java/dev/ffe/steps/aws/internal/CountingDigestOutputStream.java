package dev.ffe.steps.aws.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and SHA-256-hashes the bytes passing through. Not thread-safe. */
public final class CountingDigestOutputStream extends FilterOutputStream {
  private final MessageDigest digest = Hashing.sha256();
  private long count;
  private String hex;

  /** Wraps {@code out}. */
  public CountingDigestOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    digest.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    digest.update(b, off, len);
    count += len;
  }

  /** Returns the bytes written so far. */
  public long count() {
    return count;
  }

  /** Returns the hash of everything written; call at the end (later writes are not hashed). */
  public String hex() {
    if (hex == null) {
      hex = Hashing.hex(digest.digest());
    }
    return hex;
  }
}
