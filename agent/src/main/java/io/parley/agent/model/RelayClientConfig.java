package io.parley.agent.model;

import java.util.Objects;

/**
 * Timeouts and limits of relay clients. Immutable; {@link #defaults()} suits a daemon on a
 * normal network, tests shorten the times.
 *
 * @param commandTimeoutMillis how long a command waits for its answer. UNIT: milliseconds
 * @param connectTimeoutMillis how long a TCP connect may take. UNIT: milliseconds
 * @param handshakeTimeoutMillis how long TCP, TLS and the session handshake together may take.
 *     UNIT: milliseconds
 * @param reconnectMinMillis first reconnect delay, before jitter. UNIT: milliseconds
 * @param reconnectMaxMillis cap of the doubling reconnect delay. UNIT: milliseconds
 * @param pingIntervalMillis keep-alive period of an idle connection. UNIT: milliseconds
 * @param maxMissedPings consecutive ping periods with nothing heard from the relay after which
 *     the connection is dropped and re-established
 * @param maxPendingCommands commands one client holds awaiting answers (or a connection)
 *     before it refuses more with a busy error
 * @param tlsEngine the TLS implementation: {@code jdk}, or {@code auto} (the default), which
 *     for relay clients is the JDK's too; {@code openssl} is refused when the agent starts
 *     (BoringSSL as a client offers no Ed25519 signature scheme, which relays sign with)
 */
public record RelayClientConfig(
    long commandTimeoutMillis,
    long connectTimeoutMillis,
    long handshakeTimeoutMillis,
    long reconnectMinMillis,
    long reconnectMaxMillis,
    long pingIntervalMillis,
    int maxMissedPings,
    int maxPendingCommands,
    RelayTlsEngine tlsEngine) {

  /** UNIT: milliseconds. */
  public static final long DEFAULT_COMMAND_TIMEOUT_MILLIS = 20_000;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 15_000;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_RECONNECT_MIN_MILLIS = 500;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_RECONNECT_MAX_MILLIS = 60_000;
  /** Short enough to keep NAT mappings alive. UNIT: milliseconds. */
  public static final long DEFAULT_PING_INTERVAL_MILLIS = 30_000;
  /** UNIT: ping periods. */
  public static final int DEFAULT_MAX_MISSED_PINGS = 3;
  /** Bounds the memory one relay's backlog can take (a command is at most one block). */
  public static final int DEFAULT_MAX_PENDING_COMMANDS = 10_000;

  /** The JDK's engine for relay clients (see {@link #tlsEngine()}). */
  public static final RelayTlsEngine DEFAULT_TLS_ENGINE = RelayTlsEngine.AUTO;

  public RelayClientConfig {
    Objects.requireNonNull(tlsEngine, "tlsEngine");
    requirePositive(commandTimeoutMillis, "commandTimeoutMillis");
    requirePositive(connectTimeoutMillis, "connectTimeoutMillis");
    requirePositive(handshakeTimeoutMillis, "handshakeTimeoutMillis");
    requirePositive(reconnectMinMillis, "reconnectMinMillis");
    requirePositive(pingIntervalMillis, "pingIntervalMillis");
    requirePositive(maxMissedPings, "maxMissedPings");
    requirePositive(maxPendingCommands, "maxPendingCommands");
    if (reconnectMaxMillis < reconnectMinMillis) {
      throw new IllegalArgumentException("reconnectMaxMillis below reconnectMinMillis");
    }
    if (connectTimeoutMillis > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeoutMillis too large");
    }
  }

  public static RelayClientConfig defaults() {
    return new RelayClientConfig(
        DEFAULT_COMMAND_TIMEOUT_MILLIS,
        DEFAULT_CONNECT_TIMEOUT_MILLIS,
        DEFAULT_HANDSHAKE_TIMEOUT_MILLIS,
        DEFAULT_RECONNECT_MIN_MILLIS,
        DEFAULT_RECONNECT_MAX_MILLIS,
        DEFAULT_PING_INTERVAL_MILLIS,
        DEFAULT_MAX_MISSED_PINGS,
        DEFAULT_MAX_PENDING_COMMANDS,
        DEFAULT_TLS_ENGINE);
  }

  public RelayClientConfig withCommandTimeoutMillis(long millis) {
    return new RelayClientConfig(millis, connectTimeoutMillis, handshakeTimeoutMillis,
        reconnectMinMillis, reconnectMaxMillis, pingIntervalMillis, maxMissedPings,
        maxPendingCommands, tlsEngine);
  }

  public RelayClientConfig withReconnectMillis(long minMillis, long maxMillis) {
    return new RelayClientConfig(commandTimeoutMillis, connectTimeoutMillis,
        handshakeTimeoutMillis, minMillis, maxMillis, pingIntervalMillis, maxMissedPings,
        maxPendingCommands, tlsEngine);
  }

  public RelayClientConfig withPing(long intervalMillis, int maxMissed) {
    return new RelayClientConfig(commandTimeoutMillis, connectTimeoutMillis,
        handshakeTimeoutMillis, reconnectMinMillis, reconnectMaxMillis, intervalMillis,
        maxMissed, maxPendingCommands, tlsEngine);
  }

  public RelayClientConfig withMaxPendingCommands(int max) {
    return new RelayClientConfig(commandTimeoutMillis, connectTimeoutMillis,
        handshakeTimeoutMillis, reconnectMinMillis, reconnectMaxMillis, pingIntervalMillis,
        maxMissedPings, max, tlsEngine);
  }

  /** The TLS engine of the relay clients (see {@link #tlsEngine()}). */
  public RelayClientConfig withTlsEngine(RelayTlsEngine engine) {
    return new RelayClientConfig(commandTimeoutMillis, connectTimeoutMillis,
        handshakeTimeoutMillis, reconnectMinMillis, reconnectMaxMillis, pingIntervalMillis,
        maxMissedPings, maxPendingCommands, engine);
  }

  private static void requirePositive(long v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
