package io.parley.sdk.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy in front of a daemon's API that forwards ordinary requests but answers every
 * WebSocket upgrade with 400, as some proxies do; for testing the long-poll fallback.
 * Thread-safe.
 */
public final class UpgradeRefusingProxy implements AutoCloseable {
  private static final List<String> FORWARDED = List.of("Authorization", "Content-Type",
      "Accept", "Idempotency-Key");
  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(90);

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();
  private final String upstream;

  /** Starts a proxy on a free loopback port forwarding to {@code upstreamBase}. */
  public UpgradeRefusingProxy(String upstreamBase) throws IOException {
    this.upstream = upstreamBase;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** The proxy's base URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (ex.getRequestHeaders().containsKey("Upgrade")) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder req = HttpRequest.newBuilder(
          URI.create(upstream + ex.getRequestURI().toString())).timeout(UPSTREAM_TIMEOUT)
          .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      for (String h : FORWARDED) {
        String v = ex.getRequestHeaders().getFirst(h);
        if (v != null) {
          req.header(h, v);
        }
      }
      HttpResponse<byte[]> resp;
      try {
        resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(502, -1);
        return;
      }
      resp.headers().firstValue("Content-Type")
          .ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
      byte[] out = resp.body();
      ex.sendResponseHeaders(resp.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    } catch (IOException e) {
      // The client went away (a long-poll cancelled on close): nothing to answer.
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
