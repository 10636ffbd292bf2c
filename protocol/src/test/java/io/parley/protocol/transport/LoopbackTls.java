package io.parley.protocol.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on loopback for tests: accepts clients one after another on its own thread, runs
 * the TLS handshake and a caller-supplied exchange for each, and queues each outcome.
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
  private final BlockingQueue<CompletableFuture<Object>> outcomes = new LinkedBlockingQueue<>();

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
    while (true) {
      SSLSocket accepted;
      try {
        accepted = (SSLSocket) server.accept();
      } catch (IOException e) {
        return;
      }
      // Queued before the exchange runs: closing a TLS 1.3 socket can wait for the peer's
      // close_notify, and the test reads the outcome while its client is still open.
      CompletableFuture<Object> outcome = new CompletableFuture<>();
      outcomes.add(outcome);
      try (SSLSocket socket = accepted) {
        socket.setSoTimeout(SO_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        outcome.complete(exchange.run(socket));
      } catch (Exception | Error e) {
        outcome.completeExceptionally(e);
      }
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
    plain.setTcpNoDelay(true);
    SSLSocket s = (SSLSocket) clientContext.getSocketFactory()
        .createSocket(plain, hostName, port(), true);
    Tls.configureClientSocket(s);
    return s;
  }

  /**
   * The server side's result for the next connection, or its failure as the cause of an
   * ExecutionException.
   */
  Object serverResult() throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<Object> outcome = outcomes.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (outcome == null) {
      throw new TimeoutException("server accepted no connection in " + TIMEOUT_SECONDS + " s");
    }
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
