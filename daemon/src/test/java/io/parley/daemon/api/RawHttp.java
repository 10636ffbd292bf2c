package io.parley.daemon.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A raw TCP client of the API for tests that must misbehave: send half a head, stall a body,
 * send bytes no HTTP client would. Not thread-safe.
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;

  private RawHttp(Socket socket) {
    this.socket = socket;
  }

  /** Connects to the API on loopback. */
  static RawHttp connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    return new RawHttp(s);
  }

  /** Connects from another loopback address (Linux routes all of 127/8 to lo). */
  static RawHttp connectFrom(InetAddress local, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(local, 0));
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    return new RawHttp(s);
  }

  /** One parsed response. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  RawHttp send(String ascii) throws IOException {
    return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** Reads one response with a Content-Length body; fails if none comes within {@code max}. */
  Response response(Duration max) throws IOException {
    socket.setSoTimeout((int) max.toMillis());
    InputStream in = socket.getInputStream();
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("closed before a response");
    }
    Map<String, String> headers = new TreeMap<>();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          l.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
        new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Waits for the server to close the connection (end of stream or reset), reading and
   * discarding whatever else it sends; returns how long that took. Fails after {@code max}.
   */
  Duration awaitClose(Duration max) throws IOException {
    long t0 = System.nanoTime();
    socket.setSoTimeout((int) max.toMillis());
    try {
      while (socket.getInputStream().read() != -1) {
        // keep reading until the end of the stream
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open for " + max);
    } catch (IOException reset) {
      // A reset is a close too.
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** Whether the server has neither sent anything nor closed, within a short look. */
  boolean silentAndOpen() throws IOException {
    socket.setSoTimeout(1);
    try {
      socket.getInputStream().read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the server keeps the connection open for {@code d}, whatever it sends meanwhile. */
  boolean staysOpenFor(Duration d) throws IOException {
    long end = System.nanoTime() + d.toNanos();
    byte[] sink = new byte[4096];
    try {
      for (long left = d.toMillis(); left > 0;
          left = Duration.ofNanos(end - System.nanoTime()).toMillis()) {
        socket.setSoTimeout((int) left);
        if (socket.getInputStream().read(sink) == -1) {
          return false;
        }
      }
      return true;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1; c = in.read()) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
