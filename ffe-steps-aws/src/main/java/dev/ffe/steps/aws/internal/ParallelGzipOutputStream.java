package dev.ffe.steps.aws.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses on several threads, pigz-style: the input is cut into 1 MiB blocks, each block becomes
 * an independent gzip member, and the members are written in order. Concatenated members are one
 * valid gzip stream for GNU tar, {@code gzip -d} and {@code zcat}. At most two blocks per thread
 * are in flight, so memory stays small and fixed. Not thread-safe (one writer).
 */
public final class ParallelGzipOutputStream extends OutputStream {
  static final int BLOCK = 1024 * 1024;

  private final OutputStream out;
  private final int level;
  private final ExecutorService pool;
  private final int maxPending;
  private final Deque<Future<byte[]>> pending = new ArrayDeque<>();
  private byte[] block = new byte[BLOCK];
  private int fill;
  private boolean wroteMember;
  private boolean closed;

  /** Compresses into {@code out} at gzip {@code level} on {@code threads} threads. */
  public ParallelGzipOutputStream(OutputStream out, int level, int threads) {
    this.out = out;
    this.level = level;
    this.maxPending = threads * 2;
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "ffe-gzip");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void write(int b) throws IOException {
    block[fill++] = (byte) b;
    if (fill == BLOCK) {
      submit();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, BLOCK - fill);
      System.arraycopy(b, off, block, fill, n);
      fill += n;
      off += n;
      len -= n;
      if (fill == BLOCK) {
        submit();
      }
    }
  }

  private void submit() throws IOException {
    byte[] data = block;
    int length = fill;
    block = new byte[BLOCK];
    fill = 0;
    pending.add(pool.submit(() -> compress(data, length, level)));
    while (pending.size() >= maxPending) {
      writeOldest();
    }
  }

  private void writeOldest() throws IOException {
    Future<byte[]> next = pending.poll();
    try {
      out.write(next.get());
      wroteMember = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("compression interrupted");
    } catch (ExecutionException e) {
      throw new IOException("compression failed: " + e.getCause(), e.getCause());
    }
  }

  static byte[] compress(byte[] data, int length, int level) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(length / 2 + 64);
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(bytes, 64 * 1024) {
          {
            def.setLevel(level);
          }
        }) {
      gzip.write(data, 0, length);
    }
    return bytes.toByteArray();
  }

  /** Compresses what is buffered and writes every finished member; then flushes. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (fill > 0 || !wroteMember && pending.isEmpty()) {
        submit();
      }
      while (!pending.isEmpty()) {
        writeOldest();
      }
      out.close();
    } finally {
      pool.shutdownNow();
    }
  }
}
