package io.parley.relay;

import io.parley.launch.Version;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.relay.config.RelayConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.relay.identity.RelayIdentityFiles;
import io.parley.relay.metrics.MetricsListener;
import io.parley.relay.metrics.ProcessMetrics;
import io.parley.relay.metrics.RelayMetrics;
import io.parley.relay.server.RelayCounters;
import io.parley.relay.server.RelayServer;
import io.parley.transport.tls.TlsEngine;
import io.parley.relay.store.JournalRelayStore;
import io.parley.relay.store.RelayStore;
import io.parley.relay.store.StoreException;
import io.parley.relay.store.StoreLockedException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A running relay, embeddable in-process: {@link #start} loads the identity and the store and
 * listens; {@link #close} stops gracefully. The daemon uses this to run a relay for itself;
 * {@link RelayMain} wraps it for the command line.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class Relay implements AutoCloseable {
  /**
   * An online certificate that expires within this window is renewed when the relay starts;
   * a relay restarted at least once a month (upgrades do) never presents an expired one.
   */
  public static final Duration ONLINE_RENEWAL_WINDOW = Duration.ofDays(30);

  private static final System.Logger LOG = System.getLogger(Relay.class.getName());

  private final RelayConfig config;
  private final RelayIdentity identity;
  private final RelayStore store;
  private final RelayServer server;
  private final RelayCounters counters;
  private final Metrics metrics; // null when metrics.port is off
  private boolean closed;

  /** The metrics registry, its JVM binders and its listener: one unit to start and stop. */
  private record Metrics(PrometheusMeterRegistry registry, ProcessMetrics process,
      MetricsListener listener) {
    static Metrics start(RelayConfig config, RelayCounters counters, RelayStore store,
        RelayServer server) throws IOException {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ProcessMetrics process = ProcessMetrics.bind(registry);
      RelayMetrics.bind(registry, counters, store, server::openConnections);
      try {
        return new Metrics(registry, process,
            MetricsListener.start(config.metricsPort(), registry));
      } catch (IOException e) {
        process.close();
        registry.close();
        throw new IOException("cannot listen for metrics on 127.0.0.1:" + config.metricsPort()
            + ": " + e.getMessage(), e);
      }
    }

    void close() {
      listener.close();
      process.close();
      registry.close();
    }
  }

  private Relay(RelayConfig config, RelayIdentity identity, RelayStore store, RelayServer server,
      RelayCounters counters, Metrics metrics) {
    this.config = config;
    this.identity = identity;
    this.store = store;
    this.server = server;
    this.counters = counters;
    this.metrics = metrics;
  }

  /**
   * Starts a relay from the identity in {@code config.identityDir()} (created by
   * {@link RelayInit}) and the store in {@code config.storeDir()}.
   *
   * <p>A journalled store locks its directory until {@link #close()}, so a second relay on the
   * same data directory is refused before it touches any file.
   *
   * @throws RelayDirectoryInUseException if another relay runs on the same data directory
   * @throws IOException if there is no identity (run {@code init} first), it is damaged, the
   *     store cannot be opened, or the port cannot be bound
   */
  public static Relay start(RelayConfig config) throws IOException {
    RelayIdentity identity = loadIdentity(config.identityDir());
    RelayStore store;
    try {
      store = JournalRelayStore.open(config.storeConfig());
    } catch (StoreLockedException e) {
      throw new RelayDirectoryInUseException(config.dataDir(), e);
    } catch (StoreException e) {
      throw new IOException("cannot open the relay store in " + config.storeDir() + ": "
          + e.getMessage(), e);
    }
    try {
      // Under the data directory's lock: no other relay renews the same files at once.
      identity = renewIfExpiring(identity, config);
    } catch (IOException | RuntimeException e) {
      closeStore(store);
      throw e;
    }
    RelayCounters counters = new RelayCounters();
    RelayServer server;
    try {
      server = RelayServer.start(config, identity, store, counters);
    } catch (IOException | RuntimeException e) {
      closeStore(store);
      throw e;
    }
    Metrics metrics = null;
    if (config.metricsEnabled()) {
      try {
        metrics = Metrics.start(config, counters, store, server);
      } catch (IOException | RuntimeException e) {
        server.close();
        closeStore(store);
        throw e;
      }
    }
    Relay relay = new Relay(config, identity, store, server, counters, metrics);
    LOG.log(Level.INFO, "relay " + Version.current() + " started on port " + server.port()
        + " with " + store.queueCount() + " queues; store " + (config.persistent()
            ? "journalled, fsync " + config.fsync() : "in memory only")
        + (metrics == null ? "" : "; metrics on 127.0.0.1:" + metrics.listener().port()));
    return relay;
  }

  /**
   * Replaces an online certificate that expires within {@link #ONLINE_RENEWAL_WINDOW} by a new
   * one for a fresh online key, signed by the same identity key: the address stays the same and
   * clients accept the new chain. Saved before the relay listens, so a crash leaves either the
   * old or the new files.
   */
  private static RelayIdentity renewIfExpiring(RelayIdentity identity, RelayConfig config)
      throws IOException {
    Instant now = config.clock().instant();
    if (identity.onlineCertificateNotAfter().isAfter(now.plus(ONLINE_RENEWAL_WINDOW))) {
      return identity;
    }
    RelayIdentity renewed = identity.withNewOnlineCertificate(now);
    RelayIdentityFiles.save(renewed, config.identityDir());
    LOG.log(Level.INFO, "renewed the online certificate (it expired or would have on "
        + identity.onlineCertificateNotAfter() + "); new one valid until "
        + renewed.onlineCertificateNotAfter() + ", address unchanged");
    return renewed;
  }

  private static RelayIdentity loadIdentity(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("no relay identity in " + dir + "; create one with: init --dir "
          + dir.getParent());
    }
    return RelayIdentityFiles.load(dir);
  }

  /** The address clients use: {@code smp://<keyHash>@<host>:<port>} with the bound port. */
  public RelayAddress address() {
    return new RelayAddress(identity.keyHash(), config.host(), port());
  }

  /** The TLS engine serving connections: openssl (BoringSSL) or jdk, never auto. */
  public TlsEngine tlsEngine() {
    return server.tlsEngine();
  }

  /** The port actually bound (the free port chosen when configured with 0). */

  public int port() {
    return server.port();
  }

  /** The port of the loopback metrics listener, if {@code metrics.port} turned it on. */
  public OptionalInt metricsPort() {
    return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.listener().port());
  }

  /** How many queues the relay holds now (for operators and tests; names none of them). */
  public int queueCount() {
    return store.queueCount();
  }

  /** Aggregate counters since start. */
  public RelayCounters counters() {
    return counters;
  }

  /**
   * Stops accepting, lets commands waiting on the store finish and answer, closes every
   * connection, then flushes and closes the store.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (metrics != null) {
      metrics.close();
    }
    server.close();
    closeStore(store);
    LOG.log(Level.INFO, "relay stopped; " + counters.summary());
  }

  private static void closeStore(RelayStore store) {
    try {
      store.close();
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "closing the relay store failed: " + e.getMessage());
    }
  }
}
