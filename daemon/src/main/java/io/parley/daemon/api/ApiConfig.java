package io.parley.daemon.api;

import io.parley.daemon.api.webhooks.WebhookConfig;
import io.parley.launch.Version;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the local API (docs/api.md, "Running"). Immutable; build with {@link #builder},
 * which starts from the named defaults.
 *
 * @param dataDir the daemon's data directory, where {@code api.token} lives
 * @param bindAddress the address to listen on; loopback unless the operator chose otherwise
 *     ({@code --api-bind})
 * @param port the TCP port; 0 picks a free one (tests)
 * @param extraHosts further names accepted in the Host header (without port), for a
 *     non-loopback bind reached by name
 * @param maxBodyBytes largest request body (413 beyond). UNIT: bytes
 * @param maxWebSocketMessageBytes largest message a WebSocket client may send (close 1009
 *     beyond). UNIT: bytes
 * @param headerParseTimeoutMillis time allowed to receive a request's head: a new connection's
 *     first head within this of being accepted, a later head within this of its first byte.
 *     UNIT: milliseconds
 * @param bodyTimeoutMillis time allowed to receive a request's whole body once its head has
 *     arrived (408 and closed beyond). UNIT: milliseconds
 * @param idleTimeoutMillis a kept-alive connection without a request is closed after this.
 *     UNIT: milliseconds
 * @param maxConnections open TCP connections at most (see {@code ConnectionGuard})
 * @param maxConnectionsPerClient open TCP connections from one client address at most
 * @param maxStreams long-polls, WebSockets and SSE streams open at once (429 beyond)
 * @param maxWaitSeconds largest long-poll {@code wait}. UNIT: seconds
 * @param retentionMillis how long events are kept. UNIT: milliseconds
 * @param retentionIntervalMillis time between retention runs. UNIT: milliseconds
 * @param sseKeepAliveMillis idle time before an SSE keep-alive comment. UNIT: milliseconds
 * @param webSocketPingMillis time between server pings on a WebSocket. UNIT: milliseconds
 * @param workerThreads threads running handlers and blocking store reads
 * @param storeBusyTimeoutMillis how long an API write waits for the agent's writer to release
 *     the database before answering 503. UNIT: milliseconds
 * @param webhooks webhook delivery timing
 * @param clock time source of retention
 * @param version the daemon version reported by {@code /v1/info}
 */
public record ApiConfig(
    Path dataDir,
    InetAddress bindAddress,
    int port,
    List<String> extraHosts,
    long maxBodyBytes,
    long maxWebSocketMessageBytes,
    long headerParseTimeoutMillis,
    long bodyTimeoutMillis,
    long idleTimeoutMillis,
    int maxConnections,
    int maxConnectionsPerClient,
    int maxStreams,
    int maxWaitSeconds,
    long retentionMillis,
    long retentionIntervalMillis,
    long sseKeepAliveMillis,
    long webSocketPingMillis,
    int workerThreads,
    long storeBusyTimeoutMillis,
    WebhookConfig webhooks,
    Clock clock,
    String version) {

  /** The documented default port of {@code --api-port}. */
  public static final int DEFAULT_PORT = 7780;
  /** Room for the longest text (15,000 bytes) even JSON-escaped. UNIT: bytes. */
  public static final long DEFAULT_MAX_BODY_BYTES = 128 * 1024;
  /** Clients only send acknowledgements. UNIT: bytes. */
  public static final long DEFAULT_MAX_WEBSOCKET_MESSAGE_BYTES = 4 * 1024;
  /** A slow-loris client is cut off after this. UNIT: milliseconds. */
  public static final long DEFAULT_HEADER_PARSE_TIMEOUT_MILLIS = 10_000;
  /**
   * The largest body (128 KiB) takes far less than this even on a slow network; a client that
   * stops short of its Content-Length is answered 408 and cut off after this. UNIT: milliseconds.
   */
  public static final long DEFAULT_BODY_TIMEOUT_MILLIS = 10_000;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 120_000;
  /**
   * Open connections; local clients need few, and an idle or half-sent one is closed to make
   * room for a new one at the cap, so this bounds file descriptors, not service.
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  /** Open connections from one client address (every local process shares 127.0.0.1). */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 512;
  /** Waiting readers (long-polls, WebSockets, SSE). */
  public static final int DEFAULT_MAX_STREAMS = 256;
  /** Longest long-poll. UNIT: seconds. */
  public static final int DEFAULT_MAX_WAIT_SECONDS = 60;
  /** Seven days. UNIT: milliseconds. */
  public static final long DEFAULT_RETENTION_MILLIS = 7L * 24 * 3600 * 1000;
  /** Hourly. UNIT: milliseconds. */
  public static final long DEFAULT_RETENTION_INTERVAL_MILLIS = 3600 * 1000;
  /** As signal-cli does, under common proxy idle limits. UNIT: milliseconds. */
  public static final long DEFAULT_SSE_KEEP_ALIVE_MILLIS = 15_000;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_WEBSOCKET_PING_MILLIS = 30_000;
  /** Handlers mostly wait on the store; a few threads per core suffice. */
  public static final int DEFAULT_WORKER_THREADS = 16;
  /** As the agent's own store waits. UNIT: milliseconds. */
  public static final long DEFAULT_STORE_BUSY_TIMEOUT_MILLIS = 5_000;

  public ApiConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(clock, "clock");
    extraHosts = List.copyOf(extraHosts);
    version = version == null ? Version.current() : version;
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0-65535");
    }
    for (long v : new long[] {maxBodyBytes, maxWebSocketMessageBytes, headerParseTimeoutMillis,
        bodyTimeoutMillis, idleTimeoutMillis, maxConnections, maxConnectionsPerClient, maxStreams, maxWaitSeconds, retentionMillis,
        retentionIntervalMillis, sseKeepAliveMillis, webSocketPingMillis, workerThreads,
        storeBusyTimeoutMillis}) {
      if (v <= 0) {
        throw new IllegalArgumentException("API limits and timeouts must be positive");
      }
    }
  }

  /** A builder with every default: loopback, port {@value #DEFAULT_PORT}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** Whether the API listens beyond this machine. */
  public boolean exposed() {
    return !bindAddress.isLoopbackAddress();
  }

  /** Builds an {@link ApiConfig}; not thread-safe. */
  public static final class Builder {
    private final Path dataDir;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = DEFAULT_PORT;
    private List<String> extraHosts = List.of();
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private long maxWebSocketMessageBytes = DEFAULT_MAX_WEBSOCKET_MESSAGE_BYTES;
    private long headerParseTimeoutMillis = DEFAULT_HEADER_PARSE_TIMEOUT_MILLIS;
    private long bodyTimeoutMillis = DEFAULT_BODY_TIMEOUT_MILLIS;
    private long idleTimeoutMillis = DEFAULT_IDLE_TIMEOUT_MILLIS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerClient = DEFAULT_MAX_CONNECTIONS_PER_CLIENT;
    private int maxStreams = DEFAULT_MAX_STREAMS;
    private int maxWaitSeconds = DEFAULT_MAX_WAIT_SECONDS;
    private long retentionMillis = DEFAULT_RETENTION_MILLIS;
    private long retentionIntervalMillis = DEFAULT_RETENTION_INTERVAL_MILLIS;
    private long sseKeepAliveMillis = DEFAULT_SSE_KEEP_ALIVE_MILLIS;
    private long webSocketPingMillis = DEFAULT_WEBSOCKET_PING_MILLIS;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private long storeBusyTimeoutMillis = DEFAULT_STORE_BUSY_TIMEOUT_MILLIS;
    private WebhookConfig webhooks = WebhookConfig.defaults();
    private Clock clock = Clock.systemUTC();
    private String version;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    public Builder bindAddress(InetAddress a) {
      this.bindAddress = a;
      return this;
    }

    public Builder port(int p) {
      this.port = p;
      return this;
    }

    public Builder extraHosts(List<String> names) {
      this.extraHosts = names;
      return this;
    }

    public Builder maxBodyBytes(long n) {
      this.maxBodyBytes = n;
      return this;
    }

    public Builder maxWebSocketMessageBytes(long n) {
      this.maxWebSocketMessageBytes = n;
      return this;
    }

    public Builder headerParseTimeoutMillis(long ms) {
      this.headerParseTimeoutMillis = ms;
      return this;
    }

    public Builder bodyTimeoutMillis(long ms) {
      this.bodyTimeoutMillis = ms;
      return this;
    }

    public Builder idleTimeoutMillis(long ms) {
      this.idleTimeoutMillis = ms;
      return this;
    }

    public Builder maxConnections(int n) {
      this.maxConnections = n;
      return this;
    }

    public Builder maxConnectionsPerClient(int n) {
      this.maxConnectionsPerClient = n;
      return this;
    }

    public Builder maxStreams(int n) {
      this.maxStreams = n;
      return this;
    }

    public Builder maxWaitSeconds(int s) {
      this.maxWaitSeconds = s;
      return this;
    }

    public Builder retentionMillis(long ms) {
      this.retentionMillis = ms;
      return this;
    }

    public Builder retentionIntervalMillis(long ms) {
      this.retentionIntervalMillis = ms;
      return this;
    }

    public Builder sseKeepAliveMillis(long ms) {
      this.sseKeepAliveMillis = ms;
      return this;
    }

    public Builder webSocketPingMillis(long ms) {
      this.webSocketPingMillis = ms;
      return this;
    }

    public Builder workerThreads(int n) {
      this.workerThreads = n;
      return this;
    }

    public Builder storeBusyTimeoutMillis(long ms) {
      this.storeBusyTimeoutMillis = ms;
      return this;
    }

    public Builder webhooks(WebhookConfig c) {
      this.webhooks = c;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Builder version(String v) {
      this.version = v;
      return this;
    }

    public ApiConfig build() {
      return new ApiConfig(dataDir, bindAddress, port, extraHosts, maxBodyBytes,
          maxWebSocketMessageBytes, headerParseTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis,
          maxConnections, maxConnectionsPerClient, maxStreams, maxWaitSeconds, retentionMillis, retentionIntervalMillis,
          sseKeepAliveMillis, webSocketPingMillis, workerThreads, storeBusyTimeoutMillis,
          webhooks, clock, version);
    }
  }
}
