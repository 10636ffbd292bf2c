package io.parley.protocol.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A one-connection TLS server on loopback for tests: accepts one client, runs the TLS handshake
 * and then a caller-supplied exchange on its own thread; the outcome is a future.
 */
final class LoopbackTls implements AutoCloseable {
  /** How long a test waits for the server side. UNIT: seconds. */
  static final int TIMEOUT_SECONDS = 10;
  /** Socket read timeout, so a broken test fails instead of hanging. UNIT: milliseconds. */
  static final int SO_TIMEOUT_MILLIS = 10_000;

  /** What the server does with an accepted, handshaken socket. */
  interface Exchange<T> {
    T run(SSLSocket socket) throws Exception;
  }

  private final SSLServerSocket server;
  private final CompletableFuture<Object> outcome = new CompletableFuture<>();

  private LoopbackTls(SSLServerSocket server) {
    this.server = server;
  }

  static <T> LoopbackTls start(SSLContext serverContext, Exchange<T> exchange)
      throws IOException {
    SSLServerSocket s = (SSLServerSocket) serverContext.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Tls.configureServerSocket(s);
    LoopbackTls tls = new LoopbackTls(s);
    Thread t = new Thread(() -> tls.serve(exchange), "loopback-tls-server");
    t.setDaemon(true);
    t.start();
    return tls;
  }

  private <T> void serve(Exchange<T> exchange) {
    try (SSLSocket socket = (SSLSocket) server.accept()) {
      socket.setSoTimeout(SO_TIMEOUT_MILLIS);
      socket.startHandshake();
      outcome.complete(exchange.run(socket));
    } catch (Exception | Error e) {
      outcome.completeExceptionally(e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connects to this server at 127.0.0.1, presenting {@code hostName} to TLS, and handshakes. */
  SSLSocket connect(SSLContext clientContext, String hostName) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()),
        SO_TIMEOUT_MILLIS);
    plain.setSoTimeout(SO_TIMEOUT_MILLIS);
    SSLSocket s = (SSLSocket) clientContext.getSocketFactory()
        .createSocket(plain, hostName, port(), true);
    Tls.configureClientSocket(s);
    return s;
  }

  /** The server side's result, or its failure as the cause of an ExecutionException. */
  Object serverResult() throws InterruptedException, ExecutionException, TimeoutException {
    return outcome.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  static byte[] readBlock(InputStream in, int size) throws IOException {
    byte[] b = in.readNBytes(size);
    if (b.length != size) {
      throw new IOException("connection closed after " + b.length + " of " + size + " bytes");
    }
    return b;
  }

  static void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
