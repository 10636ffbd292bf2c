package io.parley.agent.internal.client;

import io.parley.agent.model.RelayClientConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.parley.protocol.transport.RelayAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's relay clients: one {@link RelayClient} per relay address, all on one shared
 * Netty event loop group. Everything is asynchronous, so a relay that is down or slow never
 * holds up commands to another. Listener calls and command completions run on the given
 * executor, which should have more than one thread if listeners block. Thread-safe.
 */
public final class RelayClientPool implements AutoCloseable {
  /** Event loop threads: relay I/O is light next to the crypto the daemon does elsewhere. */
  public static final int DEFAULT_EVENT_LOOP_THREADS = 1;
  /** How long {@link #close()} waits for the event loops to stop. UNIT: milliseconds. */
  public static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

  private final EventLoopGroup group;
  private final RelayClientConfig config;
  private final Executor executor;
  private final RelayClientListener listener;
  private final Map<RelayAddress, RelayClient> clients = new ConcurrentHashMap<>();
  private boolean closed;

  public RelayClientPool(RelayClientConfig config, RelayClientListener listener,
      Executor executor) {
    this(config, listener, executor, DEFAULT_EVENT_LOOP_THREADS);
  }

  public RelayClientPool(RelayClientConfig config, RelayClientListener listener,
      Executor executor, int eventLoopThreads) {
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.group = new NioEventLoopGroup(eventLoopThreads,
        new DefaultThreadFactory("parley-relay-client", true));
  }

  /**
   * The client of this relay, created (and starting to connect) on first use, or again after
   * it was closed.
   *
   * @throws IllegalStateException if the pool is closed
   * @throws IllegalArgumentException if the address's key hash is not 32 bytes of base64url
   *     (addresses from {@link RelayAddress#parse} always are)
   */
  public RelayClient client(RelayAddress address) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("relay client pool is closed");
      }
      RelayClient existing = clients.get(address);
      if (existing != null && !existing.isClosed()) {
        return existing;
      }
      checkKeyHash(address);
      RelayClient c = new RelayClient(address, group.next(), config, executor, listener);
      clients.put(address, c);
      c.start();
      return c;
    }
  }

  /** The clients made so far and not closed. */
  public synchronized List<RelayClient> clients() {
    return clients.values().stream().filter(c -> !c.isClosed()).toList();
  }

  /** Closes every client and stops the event loops; waits at most the shutdown timeout. */
  @Override
  public void close() {
    List<RelayClient> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(clients.values());
      clients.clear();
    }
    for (RelayClient c : all) {
      c.close();
    }
    group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
  }

  private static void checkKeyHash(RelayAddress address) {
    byte[] hash;
    try {
      hash = address.keyHashBytes();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("relay address key hash is not base64url");
    }
    if (hash.length != RelayAddress.KEY_HASH_BYTES) {
      throw new IllegalArgumentException("relay address key hash is not "
          + RelayAddress.KEY_HASH_BYTES + " bytes");
    }
  }
}
