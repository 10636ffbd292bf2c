package io.parley.daemon.api.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The API's HTTP/1.1 listener: Undertow's HTTP protocol on an XNIO worker of its own, with a
 * {@link ConnectionGuard} between the accept and the protocol (Undertow's builder offers no
 * such hook). Mirrors what {@code Undertow.builder()} sets up for one plain HTTP listener.
 * Thread-safe.
 */
public final class ApiListener implements AutoCloseable {
  /** Undertow's default buffer for heaps over 128 MiB, minus room for TLS framing. */
  private static final int BUFFER_BYTES = 16 * 1024 - 20;
  /** Pending connections the kernel may hold while the I/O threads catch up. */
  private static final int BACKLOG = 1000;

  private final XnioWorker worker;
  private final AcceptingChannel<StreamConnection> server;
  private final ConnectionGuard guard;
  private final ByteBufferPool buffers;

  private ApiListener(XnioWorker worker, AcceptingChannel<StreamConnection> server,
      ConnectionGuard guard, ByteBufferPool buffers) {
    this.worker = worker;
    this.server = server;
    this.guard = guard;
    this.buffers = buffers;
  }

  /** The connection and timing settings of the listener. UNIT of every time: milliseconds. */
  public record Settings(InetAddress bindAddress, int port, int ioThreads, int workerThreads,
      long headMillis, long idleMillis, int maxHeaderBytes, long maxEntityBytes,
      int maxConnections, int maxConnectionsPerClient) {}

  /**
   * Starts listening; {@code root} serves every request, behind the guard's handler.
   *
   * @throws IOException if the address cannot be bound
   */
  public static ApiListener start(Settings s, HttpHandler root) throws IOException {
    XnioWorker worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(
        OptionMap.builder()
            .set(Options.WORKER_IO_THREADS, s.ioThreads())
            .set(Options.WORKER_TASK_CORE_THREADS, s.workerThreads())
            .set(Options.WORKER_TASK_MAX_THREADS, s.workerThreads())
            .set(Options.WORKER_NAME, "parley-api")
            .set(Options.TCP_NODELAY, true)
            .set(Options.CORK, true)
            .getMap());
    ByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_BYTES, -1, 4);
    try {
      OptionMap undertowOptions = OptionMap.builder()
          .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
          .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(s.headMillis()))
          .set(UndertowOptions.NO_REQUEST_TIMEOUT, millis(s.idleMillis()))
          .set(UndertowOptions.MAX_HEADER_SIZE, s.maxHeaderBytes())
          .set(UndertowOptions.MAX_ENTITY_SIZE, s.maxEntityBytes())
          .set(UndertowOptions.ENABLE_HTTP2, false)
          .getMap();
      HttpOpenListener http = new HttpOpenListener(buffers, undertowOptions);
      ConnectionGuard guard = new ConnectionGuard(http, s.maxConnections(),
          s.maxConnectionsPerClient(), s.headMillis());
      http.setRootHandler(guard.handler(root));
      AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(
          new InetSocketAddress(s.bindAddress(), s.port()), guard, OptionMap.builder()
              .set(Options.WORKER_IO_THREADS, s.ioThreads())
              .set(Options.TCP_NODELAY, true)
              .set(Options.REUSE_ADDRESSES, true)
              .set(Options.BALANCING_TOKENS, 1)
              .set(Options.BALANCING_CONNECTIONS, 2)
              .set(Options.BACKLOG, BACKLOG)
              .getMap());
      server.resumeAccepts();
      return new ApiListener(worker, server, guard, buffers);
    } catch (IOException | RuntimeException e) {
      worker.shutdownNow();
      buffers.close();
      throw e;
    }
  }

  private static int millis(long ms) {
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  /** The bound port. */
  public int port() {
    return server.getLocalAddress(InetSocketAddress.class).getPort();
  }

  public ConnectionGuard guard() {
    return guard;
  }

  /** Stops accepting, closes every connection and waits for the worker's threads. */
  @Override
  public void close() {
    IoUtils.safeClose(server);
    worker.shutdown();
    try {
      worker.awaitTermination();
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
    buffers.close();
  }
}
