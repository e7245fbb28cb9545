package dev.ffe.steps.aws.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source on a background thread (decompression, typically) while the caller consumes
 * earlier chunks (hashing and writing files), as {@code gzip -d | tar x} does with two processes.
 * At most eight 256 KiB chunks are buffered. Not thread-safe (one reader).
 */
public final class ReadAheadInputStream extends InputStream {
  private static final int CHUNK = 256 * 1024;
  private static final byte[] EOF = new byte[0];

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
  private final Thread reader;
  private volatile boolean closed;
  private volatile IOException failure;
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;

  /** Starts reading {@code source} in the background; the caller still closes {@code source}. */
  public ReadAheadInputStream(InputStream source) {
    reader =
        new Thread(
            () -> {
              try {
                while (!closed) {
                  byte[] chunk = source.readNBytes(CHUNK);
                  if (chunk.length == 0) {
                    break;
                  }
                  queue.put(chunk);
                }
              } catch (IOException e) {
                failure = e;
              } catch (RuntimeException e) {
                failure = new IOException(e.getMessage(), e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              // The consumer waits for this marker, also when it closes early.
              while (true) {
                try {
                  queue.put(EOF);
                  break;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  queue.clear();
                }
              }
            },
            "ffe-read-ahead");
    reader.setDaemon(true);
    reader.start();
  }

  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    while (position == current.length) {
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("read interrupted");
      }
      position = 0;
      if (current == EOF) {
        ended = true;
        if (failure != null) {
          throw failure;
        }
        return false;
      }
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? current[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  /**
   * Stops the background reader and waits for it, so the source is no longer in use. The reader is
   * not interrupted: interrupting a thread in a file channel read would close the channel.
   */
  @Override
  public void close() throws IOException {
    closed = true;
    try {
      while (!ended) {
        ended = queue.take() == EOF;
      }
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the reader");
    }
  }
}
