package io.parley.bench.api;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately thin HTTP/1.1 client for the throughput phases: one keep-alive socket that
 * repeats one request, up to {@code depth} in flight (pipelined), and reads each status line,
 * so the load generator takes little of the CPU it shares with the daemons. Not thread-safe:
 * one thread drives it.
 */
final class PipelinedSender implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] request;
  private final int expectedStatus;

  private PipelinedSender(int port, byte[] request, int expectedStatus) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = new BufferedOutputStream(socket.getOutputStream());
    in = new BufferedInputStream(socket.getInputStream());
    this.request = request;
    this.expectedStatus = expectedStatus;
  }

  /** Sends {@code text} as a message; success is 202. */
  static PipelinedSender send(int port, String path, String token, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    return new PipelinedSender(port, ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
        + "\r\n\r\n" + text).getBytes(StandardCharsets.UTF_8), 202);
  }

  /** Reads a resource; success is 200. */
  static PipelinedSender get(int port, String path, String token) throws IOException {
    return new PipelinedSender(port, ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nAuthorization: Bearer " + token + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8), 200);
  }

  /** Makes {@code count} requests with {@code depth} in flight; returns how many succeeded. */
  int run(int count, int depth) throws IOException {
    int written = 0;
    int accepted = 0;
    for (; written < Math.min(depth, count); written++) {
      out.write(request);
    }
    out.flush();
    for (int read = 0; read < count; read++) {
      if (readStatus() == expectedStatus) {
        accepted++;
      }
      if (written < count) {
        out.write(request);
        out.flush();
        written++;
      }
    }
    return accepted;
  }

  /** Reads one response, returning its status; the body is skipped by Content-Length. */
  private int readStatus() throws IOException {
    String status = line();
    int length = 0;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(h.substring(colon + 1).trim());
      }
    }
    in.skipNBytes(length);
    String[] parts = status.split(" ");
    if (parts.length < 2) {
      throw new IOException("bad status line");
    }
    return Integer.parseInt(parts[1]);
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) {
        throw new IOException("the server closed the connection");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
