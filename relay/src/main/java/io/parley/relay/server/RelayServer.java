package io.parley.relay.server;


import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.protocol.transport.Tls;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.store.RelayStore;
import io.parley.transport.tls.NettyTls;
import io.parley.transport.tls.TlsEngine;
import io.parley.transport.tls.TlsEngineUnavailableException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The Netty side of a relay: listens, runs connections on a small NIO event loop group, runs
 * expiry on a maintenance thread, and closes in order. Owns none of the store's lifecycle.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class RelayServer implements AutoCloseable {
  /** Event loop threads: one per core, since every command runs on them. UNIT: threads. */
  public static final int EVENT_LOOP_THREADS =
      Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Outbound bytes queued above which a client counts as not reading. UNIT: bytes. */
  public static final int WRITE_HIGH_WATER_MARK_BYTES = 256 * 1024;
  /** Outbound bytes below which a slow client is served again. UNIT: bytes. */
  public static final int WRITE_LOW_WATER_MARK_BYTES = 64 * 1024;
  /** How long a graceful close lets pending store writes finish. UNIT: milliseconds. */
  public static final long CLOSE_GRACE_MILLIS = 5_000;
  /**
   * Threads running TLS handshake computations: half the cores, so that however many
   * handshakes are queued, the event loops serving established sessions keep the rest.
   * UNIT: threads.
   */
  public static final int HANDSHAKE_THREADS =
      Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  /** Pending TCP connections the OS may queue. UNIT: connections. */
  static final int ACCEPT_BACKLOG = 1024;
  /** How often aggregate counters are logged. UNIT: milliseconds (1 hour). */
  static final long STATS_LOG_INTERVAL_MILLIS = 3_600_000;

  private static final System.Logger LOG = System.getLogger(RelayServer.class.getName());

  private final RelayContext relay;
  private final EventLoopGroup acceptor;
  private final EventLoopGroup workers;
  private final ChannelGroup channels;
  private final ExecutorService handshakeTasks;
  private final ScheduledExecutorService maintenance;
  private final Channel listener;
  private final ConnectionAdmission admission;
  private final TlsEngine tlsEngine;
  private boolean closed;

  private RelayServer(RelayContext relay, EventLoopGroup acceptor, EventLoopGroup workers,
      ChannelGroup channels, ExecutorService handshakeTasks, ScheduledExecutorService maintenance,
      Channel listener, ConnectionAdmission admission, TlsEngine tlsEngine) {
    this.relay = relay;
    this.tlsEngine = tlsEngine;
    this.admission = admission;
    this.acceptor = acceptor;
    this.workers = workers;
    this.channels = channels;
    this.handshakeTasks = handshakeTasks;
    this.maintenance = maintenance;
    this.listener = listener;
  }

  /**
   * Binds and starts serving {@code store} under {@code identity}.
   *
   * @throws IOException if the address cannot be bound
   */
  public static RelayServer start(RelayConfig config, RelayIdentity identity, RelayStore store,
      RelayCounters counters) throws IOException {
    RelayContext relay = new RelayContext(config, store, counters);
    EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("relay-accept"));
    EventLoopGroup workers =
        new NioEventLoopGroup(EVENT_LOOP_THREADS, new DefaultThreadFactory("relay-io"));
    ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ConnectionAdmission admission = new ConnectionAdmission(
        config.maxConnections(), config.maxPendingHandshakes(), counters);
    ExecutorService handshakeTasks = Executors.newFixedThreadPool(HANDSHAKE_THREADS,
        daemonThreads("relay-handshake"));
    NettyTls tls;
    try {
      SSLContext jdk = Tls.serverContext(identity);
      tls = NettyTls.server(config.tlsEngine(), () -> Tls.serverEngine(jdk),
          () -> Tls.anyKeyTypeServerKeyManager(identity), Tls.PROTOCOLS, Tls.CIPHER_SUITES);
    } catch (TlsEngineUnavailableException e) {
      acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      handshakeTasks.shutdownNow();
      throw new IOException(e.getMessage()
          + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
    }
    LOG.log(Level.INFO, "relay TLS engine: " + tls.engine().configName()
        + " (tls.engine=" + config.tlsEngine().configName() + "); X25519 on "
        + X25519.engine());
    ServerBootstrap b = new ServerBootstrap()
        .group(acceptor, workers)
        .channelFactory(() -> new RelayServerSocketChannel(admission))
        .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
        .childOption(ChannelOption.TCP_NODELAY, true)
        // JDK TLS: heap buffers keep AES-GCM on its intrinsics (see HeapInbound); BoringSSL
        // reads and writes direct buffers without a copy.
        .childOption(ChannelOption.ALLOCATOR, tls.allocator())
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
            WRITE_LOW_WATER_MARK_BYTES, WRITE_HIGH_WATER_MARK_BYTES))
        .childHandler(new RelayChannelInitializer(
            relay, identity, tls, channels, handshakeTasks));
    Channel listener;
    try {
      listener = b.bind(config.bindAddress(), config.port()).syncUninterruptibly().channel();
    } catch (Exception e) {
      // Netty rethrows the bind's checked BindException undeclared: catching only runtime
      // exceptions left the event loops of a relay that never started running.
      acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      handshakeTasks.shutdownNow();
      throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port()
          + ": " + e.getMessage(), e);
    }
    ScheduledExecutorService maintenance =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("relay-maintenance"));
    maintenance.scheduleWithFixedDelay(
        new ExpiryTask(store, config.clock(), config.messageTtlSeconds(), counters),
        0, config.expiryCheckIntervalMillis(), TimeUnit.MILLISECONDS);
    maintenance.scheduleAtFixedRate(() -> LOG.log(Level.INFO, "relay stats: " + counters.summary()),
        STATS_LOG_INTERVAL_MILLIS, STATS_LOG_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    return new RelayServer(
        relay, acceptor, workers, channels, handshakeTasks, maintenance, listener, admission,
        tls.engine());
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Connections open now, counted from accept to close. */
  public int openConnections() {
    return admission.openConnections();
  }

  /** The TLS engine {@code tls.engine} resolved to: openssl or jdk. */
  public TlsEngine tlsEngine() {
    return tlsEngine;
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /**
   * Stops accepting and reading, lets commands waiting on the store finish and answer (up to
   * {@link #CLOSE_GRACE_MILLIS}), then closes every connection and the event loops.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    listener.close().syncUninterruptibly();
    relay.startClosing();
    channels.forEach(ch -> ch.config().setAutoRead(false));
    // A command being dispatched right now may still start a store write: let every event loop
    // finish its current task before counting what is pending.
    workers.forEach(loop -> loop.submit(() -> { }).syncUninterruptibly());
    try {
      relay.pendingWrites().awaitIdle(CLOSE_GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channels.close().awaitUninterruptibly();
    handshakeTasks.shutdownNow();
    maintenance.shutdownNow();
    acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }
}
