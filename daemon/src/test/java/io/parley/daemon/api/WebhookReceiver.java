package io.parley.daemon.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real HTTP server on loopback standing in for a webhook receiver: records every delivery
 * and answers 503 while {@link #failing}, else 204. Thread-safe.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One POST as received. Header names are lower-case. */
  record Delivery(Map<String, String> headers, String body, int answered) {}

  private final HttpServer server;
  private final List<Delivery> deliveries = new ArrayList<>();
  volatile boolean failing;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
      int status = failing ? 503 : 204;
      synchronized (this) {
        deliveries.add(new Delivery(headers, new String(body, StandardCharsets.UTF_8), status));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  synchronized List<Delivery> all() {
    return new ArrayList<>(deliveries);
  }

  /** Deliveries the receiver acknowledged with 2xx. */
  synchronized List<Delivery> accepted() {
    return deliveries.stream().filter(d -> d.answered() / 100 == 2).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
