package io.parley.bots.notifier.http;

import io.parley.bots.notifier.delivery.Dispatcher;
import io.parley.bots.notifier.metrics.NotifierMetrics;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import org.xnio.Options;

/**
 * The alert receiver's HTTP server: {@code POST|PUT|GET /notify/{topic}} (see
 * {@link NotifyHandler}), {@code GET /metrics} (Prometheus text, notify token), and without a
 * token {@code GET /v1/health} (also at its old path {@code /healthz}) and {@code GET /v1/ready}
 * ({@link HealthResource}). Other paths get a JSON 404, other methods 405. Binds where it is
 * told; the bot's default is loopback. Thread-safe; close once.
 */
public final class NotifyServer implements AutoCloseable {
  /** The receiver's path template. */
  public static final String NOTIFY_PATH = "/notify/{" + NotifyHandler.TOPIC_PARAM + "}";
  /** The health check's path before it took the daemon's name; kept for existing monitors. */
  static final String OLD_HEALTH_PATH = "/healthz";
  static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** Threads serving requests; alerts are dispatched one at a time anyway. */
  static final int WORKER_THREADS = 4;
  /** How long a client may take to send its request line and headers. UNIT: milliseconds. */
  static final int REQUEST_PARSE_TIMEOUT_MILLIS = 10_000;
  /** How long one read of a request body may block. UNIT: milliseconds. */
  static final int READ_TIMEOUT_MILLIS = 30_000;
  /** How long an idle keep-alive connection stays open. UNIT: milliseconds. */
  static final int IDLE_TIMEOUT_MILLIS = 60_000;
  /**
   * How long {@link #close()} waits for requests in flight, whose dispatch may be waiting on the
   * daemon (up to its request timeout). UNIT: milliseconds.
   */
  static final long SHUTDOWN_GRACE_MILLIS = 15_000;
  private static final System.Logger LOG = System.getLogger(NotifyServer.class.getName());

  private final Undertow server;
  private final GracefulShutdownHandler graceful;
  private final int port;

  private NotifyServer(Undertow server, GracefulShutdownHandler graceful, int port) {
    this.server = server;
    this.graceful = graceful;
    this.port = port;
  }

  /**
   * Starts listening on {@code host:port} (port 0 picks a free one).
   *
   * @throws RuntimeException from Undertow when the address cannot be bound
   */
  public static NotifyServer start(String host, int port, NotifyToken token,
      Dispatcher dispatcher, ReceiverSettings settings, HealthChecks checks,
      NotifierMetrics metrics) {
    HttpHandler notify = new BlockingHandler(
        new NotifyHandler(token, dispatcher, settings, metrics));
    HealthResource health = new HealthResource(checks);
    // Health reads the database and readiness asks the daemon: off the I/O thread.
    HttpHandler healthHandler = new BlockingHandler(health::health);
    RoutingHandler routes = new RoutingHandler(false)
        .post(NOTIFY_PATH, notify)
        .put(NOTIFY_PATH, notify)
        .get(NOTIFY_PATH, notify)
        .get("/v1/health", healthHandler)
        .get(OLD_HEALTH_PATH, healthHandler)
        .get("/v1/ready", new BlockingHandler(health::ready))
        .get("/metrics", ex -> {
          if (!RequestAuth.authorised(ex, token)) {
            NotifyHandler.unauthorised(ex);
            return;
          }
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, METRICS_CONTENT_TYPE);
          ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
          ex.getResponseSender().send(metrics.scrape());
        });
    routes.setFallbackHandler(ex -> Responses.error(ex, 404, "not_found",
        "no such resource; alerts go to POST /notify/TOPIC"));
    routes.setInvalidMethodHandler(ex -> Responses.error(ex, 405, "method_not_allowed",
        "this resource takes POST, PUT or GET"));
    GracefulShutdownHandler graceful = new GracefulShutdownHandler(routes);
    Undertow server = Undertow.builder()
        .addHttpListener(port, host)
        .setWorkerThreads(WORKER_THREADS)
        .setIoThreads(1)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, REQUEST_PARSE_TIMEOUT_MILLIS)
        .setServerOption(UndertowOptions.IDLE_TIMEOUT, IDLE_TIMEOUT_MILLIS)
        .setSocketOption(Options.READ_TIMEOUT, READ_TIMEOUT_MILLIS)
        .setHandler(graceful)
        .build();
    server.start();
    int bound = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    return new NotifyServer(server, graceful, bound);
  }

  /** The port actually bound. */
  public int port() {
    return port;
  }

  /**
   * Refuses new requests (503), lets those in flight finish for up to
   * {@link #SHUTDOWN_GRACE_MILLIS}, then stops listening.
   */
  @Override
  public void close() {
    graceful.shutdown();
    try {
      if (!graceful.awaitShutdown(SHUTDOWN_GRACE_MILLIS)) {
        LOG.log(System.Logger.Level.WARNING, "alert requests still running at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop();
  }
}
