package io.parley.relay.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code GET /metrics} (Prometheus text format 0.0.4) on 127.0.0.1 only: the series are
 * aggregate, but a relay's load is still nobody else's business, so the port is not reachable
 * from other machines and needs no token. One thread; a scrape takes milliseconds. Close once.
 */
public final class MetricsListener implements AutoCloseable {
  /** The path Prometheus scrapes. */
  public static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** Connections waiting to be accepted. UNIT: connections. */
  private static final int BACKLOG = 16;

  private final HttpServer server;

  private MetricsListener(HttpServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code 127.0.0.1:port} (0 picks a free port).
   *
   * @throws IOException if the port cannot be bound
   */
  public static MetricsListener start(int port, PrometheusMeterRegistry registry)
      throws IOException {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
    server.createContext("/", ex -> {
      try (ex) {
        if (!PATH.equals(ex.getRequestURI().getPath())) {
          send(ex, 404, "text/plain; charset=utf-8", "not found; metrics are at /metrics\n");
        } else if (!"GET".equals(ex.getRequestMethod())) {
          ex.getResponseHeaders().set("Allow", "GET");
          send(ex, 405, "text/plain; charset=utf-8", "only GET\n");
        } else {
          send(ex, 200, CONTENT_TYPE, registry.scrape());
        }
      }
    });
    server.start();
    return new MetricsListener(server);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops listening at once; a scrape in progress is cut off. */
  @Override
  public void close() {
    server.stop(0);
  }
}
