package io.parley.relay.config;

import io.parley.relay.store.StoreConfig;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import io.parley.transport.tls.TlsEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything a relay needs to start. Every limit has a named default with its unit; the file
 * form is {@code <dataDir>/relay.properties} ({@link ConfigFile}). Immutable.
 *
 * @param dataDir holds the identity ({@code identity/}), the store and relay.properties
 * @param host the host name or address clients use; only goes into the relay address
 * @param port TCP port to listen on; 0 picks a free port (tests, embedding)
 * @param bindAddress local address to listen on, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param persistent whether queues and messages are journalled in {@code dataDir} (false:
 *     memory only, lost on restart)
 * @param fsync when the store forces journal writes to disk before answering OK
 * @param fsyncIntervalMillis period of the background fsync under {@link FsyncPolicy#INTERVAL}.
 *     UNIT: milliseconds
 * @param maxConnections connections beyond this are closed at accept. UNIT: connections
 * @param maxPendingHandshakes connections accepted whose TLS and session handshake has not
 *     finished; beyond this, new connections are closed at accept. UNIT: connections
 * @param tlsHandshakeTimeoutMillis deadline from accept to a completed session handshake.
 *     UNIT: milliseconds
 * @param idleTimeoutMillis a connection with no subscription and no command for this long is
 *     closed. UNIT: milliseconds
 * @param maxNewQueuesPerConnectionPerMinute NEW beyond this rate gets ERR QUOTA. UNIT: queues
 *     per connection per minute
 * @param queueQuota messages a queue holds before SENDs get ERR QUOTA. UNIT: messages
 * @param messageTtlSeconds messages older than this are deleted. UNIT: seconds
 * @param expiryCheckIntervalMillis how often expiry runs (also once at start). UNIT: milliseconds
 * @param metricsPort TCP port of the Prometheus listener on 127.0.0.1 (docs/metrics.md);
 *     {@link #METRICS_OFF} for none (the default), 0 picks a free port
 * @param tlsEngine the TLS implementation: BoringSSL ({@code openssl}), the JDK's, or
 *     {@code auto} (BoringSSL where its native library loads, the default)
 * @param clock time source for message timestamps and expiry (injectable for tests)
 */
public record RelayConfig(
    Path dataDir,
    String host,
    int port,
    String bindAddress,
    boolean persistent,
    FsyncPolicy fsync,
    long fsyncIntervalMillis,
    int maxConnections,
    int maxPendingHandshakes,
    long tlsHandshakeTimeoutMillis,
    long idleTimeoutMillis,
    int maxNewQueuesPerConnectionPerMinute,
    int queueQuota,
    long messageTtlSeconds,
    long expiryCheckIntervalMillis,
    int metricsPort,
    TlsEngine tlsEngine,
    Clock clock) {

  /** Subdirectory of the data directory holding the identity. */
  public static final String IDENTITY_DIR = "identity";
  /** Subdirectory of the data directory holding the store journal. */
  public static final String STORE_DIR = "store";
  /** Default TCP port of a relay. */
  public static final int DEFAULT_PORT = 5223;
  /** Default host put in the relay address. */
  public static final String DEFAULT_HOST = "localhost";
  /** Default listen address: every interface. */
  public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
  /** Default store durability. */
  public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.ALWAYS;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_FSYNC_INTERVAL_MILLIS =
      StoreConfig.DEFAULT_FSYNC_INTERVAL_MILLIS;
  /** UNIT: connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  /**
   * A fraction of a second of handshake work on one core (a ClientHello measured about 0.4 ms
   * of CPU, the relay hello's signature adds its own): room for a burst of reconnecting
   * agents, too few for a flood to queue seconds of work. UNIT: connections.
   */
  public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 256;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_TLS_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  /** UNIT: milliseconds (1 hour). */
  public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 3_600_000;
  /** UNIT: queues per connection per minute. */
  public static final int DEFAULT_MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE = 600;
  /** UNIT: messages per queue. */
  public static final int DEFAULT_QUEUE_QUOTA = StoreConfig.DEFAULT_QUEUE_QUOTA;
  /** UNIT: seconds (21 days). */
  public static final long DEFAULT_MESSAGE_TTL_SECONDS = 21L * 24 * 3600;
  /** UNIT: milliseconds (1 hour). */
  public static final long DEFAULT_EXPIRY_CHECK_INTERVAL_MILLIS = 3_600_000;
  /** {@link #metricsPort()} when there is no metrics listener. */
  public static final int METRICS_OFF = -1;
  /** No metrics listener unless asked for: it is one more port, if only on loopback. */
  public static final int DEFAULT_METRICS_PORT = METRICS_OFF;
  /** BoringSSL where its native library loads, else the JDK's engine. */
  public static final TlsEngine DEFAULT_TLS_ENGINE = TlsEngine.AUTO;
  /** Largest accepted NEW rate; keeps the rate limiter's arithmetic in range. */
  public static final int MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE = 100_000_000;

  public RelayConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(fsync, "fsync");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tlsEngine, "tlsEngine");
    require(host != null && !host.isBlank(), "host must not be empty");
    require(bindAddress != null && !bindAddress.isBlank(), "bind address must not be empty");
    require(port >= 0 && port <= 0xFFFF, "port must be 0..65535");
    require(fsyncIntervalMillis >= 1, "fsync interval must be positive");
    require(maxConnections >= 1, "max connections must be at least 1");
    require(maxPendingHandshakes >= 1, "max pending handshakes must be at least 1");
    require(tlsHandshakeTimeoutMillis >= 1, "TLS handshake timeout must be positive");
    require(idleTimeoutMillis >= 1, "idle timeout must be positive");
    require(maxNewQueuesPerConnectionPerMinute >= 1
        && maxNewQueuesPerConnectionPerMinute <= MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE,
        "max new queues per minute must be 1.." + MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE);
    require(queueQuota >= 1, "queue quota must be at least 1");
    require(messageTtlSeconds >= 1, "message TTL must be positive");
    require(expiryCheckIntervalMillis >= 1, "expiry check interval must be positive");
    require(metricsPort >= METRICS_OFF && metricsPort <= 0xFFFF,
        "metrics port must be 0..65535 or off");
  }

  /** Whether a metrics listener runs. */
  public boolean metricsEnabled() {
    return metricsPort != METRICS_OFF;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** A configuration with every default, for a relay whose files live in {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** The store part of this configuration: journal in {@code dataDir/store}, or memory. */
  public StoreConfig storeConfig() {
    return new StoreConfig(persistent ? storeDir() : null, queueQuota, fsync, fsyncIntervalMillis);
  }

  /** Where the store keeps its files. */
  public Path storeDir() {
    return dataDir.resolve(STORE_DIR);
  }

  /** Where the relay identity (keys and certificates) lives. */
  public Path identityDir() {
    return dataDir.resolve(IDENTITY_DIR);
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(dataDir).host(host).port(port).bindAddress(bindAddress)
        .persistent(persistent).fsync(fsync).fsyncIntervalMillis(fsyncIntervalMillis)
        .maxConnections(maxConnections).maxPendingHandshakes(maxPendingHandshakes)
        .tlsHandshakeTimeoutMillis(tlsHandshakeTimeoutMillis).idleTimeoutMillis(idleTimeoutMillis)
        .maxNewQueuesPerConnectionPerMinute(maxNewQueuesPerConnectionPerMinute)
        .queueQuota(queueQuota).messageTtlSeconds(messageTtlSeconds)
        .expiryCheckIntervalMillis(expiryCheckIntervalMillis).metricsPort(metricsPort)
        .tlsEngine(tlsEngine).clock(clock);
  }

  /** Mutable builder; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final Path dataDir;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String bindAddress = DEFAULT_BIND_ADDRESS;
    private boolean persistent = true;
    private FsyncPolicy fsync = DEFAULT_FSYNC;
    private long fsyncIntervalMillis = DEFAULT_FSYNC_INTERVAL_MILLIS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxPendingHandshakes = DEFAULT_MAX_PENDING_HANDSHAKES;
    private long tlsHandshakeTimeoutMillis = DEFAULT_TLS_HANDSHAKE_TIMEOUT_MILLIS;
    private long idleTimeoutMillis = DEFAULT_IDLE_TIMEOUT_MILLIS;
    private int maxNewQueues = DEFAULT_MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE;
    private int queueQuota = DEFAULT_QUEUE_QUOTA;
    private long messageTtlSeconds = DEFAULT_MESSAGE_TTL_SECONDS;
    private long expiryCheckIntervalMillis = DEFAULT_EXPIRY_CHECK_INTERVAL_MILLIS;
    private int metricsPort = DEFAULT_METRICS_PORT;
    private TlsEngine tlsEngine = DEFAULT_TLS_ENGINE;
    private Clock clock = Clock.systemUTC();

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder bindAddress(String v) {
      bindAddress = v;
      return this;
    }

    public Builder persistent(boolean v) {
      persistent = v;
      return this;
    }

    public Builder fsync(FsyncPolicy v) {
      fsync = v;
      return this;
    }

    public Builder fsyncIntervalMillis(long v) {
      fsyncIntervalMillis = v;
      return this;
    }

    public Builder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    public Builder maxPendingHandshakes(int v) {
      maxPendingHandshakes = v;
      return this;
    }

    public Builder tlsHandshakeTimeoutMillis(long v) {
      tlsHandshakeTimeoutMillis = v;
      return this;
    }

    public Builder idleTimeoutMillis(long v) {
      idleTimeoutMillis = v;
      return this;
    }

    public Builder maxNewQueuesPerConnectionPerMinute(int v) {
      maxNewQueues = v;
      return this;
    }

    public Builder queueQuota(int v) {
      queueQuota = v;
      return this;
    }

    public Builder messageTtlSeconds(long v) {
      messageTtlSeconds = v;
      return this;
    }

    public Builder expiryCheckIntervalMillis(long v) {
      expiryCheckIntervalMillis = v;
      return this;
    }

    /** The loopback metrics port; {@link #METRICS_OFF} for none, 0 for a free one. */
    public Builder metricsPort(int v) {
      metricsPort = v;
      return this;
    }

    /** The TLS implementation; {@link TlsEngine#AUTO} picks BoringSSL where it loads. */
    public Builder tlsEngine(TlsEngine v) {
      tlsEngine = v;
      return this;
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    /** @throws IllegalArgumentException naming the first invalid value */
    public RelayConfig build() {
      return new RelayConfig(dataDir, host, port, bindAddress, persistent, fsync,
          fsyncIntervalMillis,
          maxConnections, maxPendingHandshakes,
          tlsHandshakeTimeoutMillis, idleTimeoutMillis, maxNewQueues, queueQuota,
          messageTtlSeconds, expiryCheckIntervalMillis, metricsPort, tlsEngine, clock);
    }
  }
}
