package dev.ffe.steps.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback TCP server whose behaviour per connection is a function: resets, garbage, stalls. */
final class RawServer implements AutoCloseable {
  /** What the server does with one accepted connection. */
  @FunctionalInterface
  interface Behaviour {
    void serve(Socket socket) throws IOException;
  }

  private final ServerSocket serverSocket;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final java.util.List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();

  RawServer(Behaviour behaviour) throws IOException {
    serverSocket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    executor.execute(
        () -> {
          while (!serverSocket.isClosed()) {
            try {
              Socket s = serverSocket.accept();
              connections.incrementAndGet();
              accepted.add(s);
              executor.execute(
                  () -> {
                    try (s) {
                      behaviour.serve(s);
                    } catch (IOException e) {
                      // the client went away; nothing to do
                    }
                  });
            } catch (IOException e) {
              return;
            }
          }
        });
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Reads one request head (up to the blank line); returns false at end of stream. */
  static boolean readRequestHead(InputStream in) throws IOException {
    int state = 0;
    int b;
    while ((b = in.read()) >= 0) {
      if ((state == 0 || state == 2) && b == '\r') {
        state++;
      } else if ((state == 1 || state == 3) && b == '\n') {
        state++;
        if (state == 4) {
          return true;
        }
      } else {
        state = 0;
      }
    }
    return false;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
    for (Socket s : accepted) {
      s.close();
    }
    executor.shutdownNow();
  }
}
