package io.parley.relay.config;

import io.parley.relay.store.StoreConfig.FsyncPolicy;
import io.parley.transport.tls.TlsEngine;
import java.util.Locale;

/**
 * The keys of relay.properties: each with its description (written as a comment by
 * {@code init}), its default, and how it sets a {@link RelayConfig.Builder}. Immutable.
 */
public enum ConfigKey {
  HOST("host", "Host name or address clients use to reach this relay (goes into its address).",
      RelayConfig.DEFAULT_HOST) {
    @Override
    void apply(RelayConfig.Builder b, String v) {
      b.host(v);
    }
  },
  PORT("port", "TCP port to listen on.", String.valueOf(RelayConfig.DEFAULT_PORT)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.port(parseInt(this, v, 0, 0xFFFF));
    }
  },
  BIND_ADDRESS("bind.address", "Local address to listen on (0.0.0.0 = every interface).",
      RelayConfig.DEFAULT_BIND_ADDRESS) {
    @Override
    void apply(RelayConfig.Builder b, String v) {
      b.bindAddress(v);
    }
  },
  STORE_PERSISTENT("store.persistent",
      "true: journal queues and messages in <dir>/store; false: memory only (lost on restart).",
      "true") {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.persistent(parseBoolean(this, v));
    }
  },
  FSYNC("fsync", "When writes are forced to disk before OK: always (group commit, survives power"
      + " loss), interval (survives a process crash; fsync every fsync.interval.millis),"
      + " none (tests only).", RelayConfig.DEFAULT_FSYNC.name().toLowerCase(Locale.ROOT)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      try {
        b.fsync(FsyncPolicy.valueOf(v.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + " must be always, interval or none, not '" + v + "'");
      }
    }
  },
  FSYNC_INTERVAL_MILLIS("fsync.interval.millis",
      "Background fsync period when fsync=interval. UNIT: milliseconds.",
      String.valueOf(RelayConfig.DEFAULT_FSYNC_INTERVAL_MILLIS)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.fsyncIntervalMillis(parseLong(this, v));
    }
  },
  MAX_CONNECTIONS("max.connections",
      "Connections beyond this are closed at once. UNIT: connections.",
      String.valueOf(RelayConfig.DEFAULT_MAX_CONNECTIONS)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.maxConnections(parseInt(this, v, 1, Integer.MAX_VALUE));
    }
  },
  MAX_PENDING_HANDSHAKES("max.pending.handshakes",
      "Connections still in their TLS or session handshake; beyond this, new connections are"
          + " closed at once. UNIT: connections.",
      String.valueOf(RelayConfig.DEFAULT_MAX_PENDING_HANDSHAKES)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.maxPendingHandshakes(parseInt(this, v, 1, Integer.MAX_VALUE));
    }
  },
  TLS_HANDSHAKE_TIMEOUT_MILLIS("tls.handshake.timeout.millis",
      "Deadline from accept to a completed TLS and session handshake. UNIT: milliseconds.",
      String.valueOf(RelayConfig.DEFAULT_TLS_HANDSHAKE_TIMEOUT_MILLIS)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.tlsHandshakeTimeoutMillis(parseLong(this, v));
    }
  },
  IDLE_TIMEOUT_MILLIS("idle.timeout.millis",
      "A connection without subscriptions that sends nothing for this long is closed."
          + " UNIT: milliseconds.",
      String.valueOf(RelayConfig.DEFAULT_IDLE_TIMEOUT_MILLIS)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.idleTimeoutMillis(parseLong(this, v));
    }
  },
  MAX_NEW_QUEUES("max.new.queues.per.connection.per.minute",
      "NEW beyond this rate on one connection is answered ERR QUOTA. UNIT: queues per minute.",
      String.valueOf(RelayConfig.DEFAULT_MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.maxNewQueuesPerConnectionPerMinute(
          parseInt(this, v, 1, RelayConfig.MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE));
    }
  },
  QUEUE_QUOTA("queue.quota.messages",
      "Messages a queue holds before SEND is answered ERR QUOTA. UNIT: messages.",
      String.valueOf(RelayConfig.DEFAULT_QUEUE_QUOTA)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.queueQuota(parseInt(this, v, 1, Integer.MAX_VALUE));
    }
  },
  MESSAGE_TTL_SECONDS("message.ttl.seconds",
      "Messages older than this are deleted (default 21 days). UNIT: seconds.",
      String.valueOf(RelayConfig.DEFAULT_MESSAGE_TTL_SECONDS)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.messageTtlSeconds(parseLong(this, v));
    }
  },
  EXPIRY_CHECK_INTERVAL_MILLIS("expiry.check.interval.millis",
      "How often expired messages are deleted (also once at start). UNIT: milliseconds.",
      String.valueOf(RelayConfig.DEFAULT_EXPIRY_CHECK_INTERVAL_MILLIS)) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.expiryCheckIntervalMillis(parseLong(this, v));
    }
  },
  METRICS_PORT("metrics.port",
      "Port of the Prometheus metrics listener on 127.0.0.1 (GET /metrics; docs/metrics.md),"
          + " or off. UNIT: TCP port.", "off") {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      b.metricsPort(v.equalsIgnoreCase(METRICS_OFF_VALUE) ? RelayConfig.METRICS_OFF
          : parseInt(this, v, 0, 0xFFFF));
    }
  },
  TLS_ENGINE("tls.engine",
      "TLS implementation: openssl (BoringSSL, bundled for Linux x86-64), jdk (the JDK's),"
          + " or auto (openssl where it loads, else jdk).",
      RelayConfig.DEFAULT_TLS_ENGINE.configName()) {
    @Override
    void apply(RelayConfig.Builder b, String v) throws ConfigException {
      try {
        b.tlsEngine(TlsEngine.parse(v));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + " must be auto, openssl or jdk, not '" + v + "'");
      }
    }
  };

  /** The value of {@code metrics.port} that turns the listener off (its default). */
  static final String METRICS_OFF_VALUE = "off";

  final String key;
  final String description;
  final String defaultValue;

  ConfigKey(String key, String description, String defaultValue) {
    this.key = key;
    this.description = description;
    this.defaultValue = defaultValue;
  }

  /** The property name in relay.properties. */
  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /**
   * Checks {@code value} the way {@link ConfigFile} would apply it.
   *
   * @throws ConfigException naming this key, if the value is malformed or out of range
   */
  public void check(String value) throws ConfigException {
    apply(RelayConfig.builder(java.nio.file.Path.of(".")), value);
  }

  /** Sets this key's value on {@code b}; range checks happen in {@link RelayConfig}. */
  abstract void apply(RelayConfig.Builder b, String value) throws ConfigException;

  /** The key named {@code name}, or null. */
  static ConfigKey byName(String name) {
    for (ConfigKey k : values()) {
      if (k.key.equals(name)) {
        return k;
      }
    }
    return null;
  }

  private static int parseInt(ConfigKey k, String v, int min, int max) throws ConfigException {
    long n = parseLong(k, v, min, max);
    return (int) n;
  }

  /** Durations and periods: at least 1. */
  private static long parseLong(ConfigKey k, String v) throws ConfigException {
    return parseLong(k, v, 1, Long.MAX_VALUE);
  }

  private static long parseLong(ConfigKey k, String v, long min, long max)
      throws ConfigException {
    long n;
    try {
      n = Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(k.key + " must be a whole number, not '" + v + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(k.key + " must be " + (max == Long.MAX_VALUE
          || max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max)
          + ", not " + n);
    }
    return n;
  }

  private static boolean parseBoolean(ConfigKey k, String v) throws ConfigException {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new ConfigException(k.key + " must be true or false, not '" + v + "'");
  }
}
