package io.parley.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.http.Json;
import io.parley.testkit.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket test client of {@code /v1/events/ws} collecting every event frame. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
  final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  /** Connects with {@code query} (for example {@code after=0}); waits for the handshake. */
  static WsClient connect(ApiClient client, String query) throws Exception {
    WsClient ws = new WsClient();
    ws.socket = client.http().newWebSocketBuilder()
        .header("Authorization", "Bearer " + client.token())
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(client.base().replace("http:", "ws:") + "/v1/events/ws?"
            + query), ws)
        .get(30, TimeUnit.SECONDS);
    return ws;
  }

  WebSocket socket() {
    return socket;
  }

  /** The next {@code n} events, each within the default deadline. */
  List<JsonNode> take(int n) throws InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JsonNode e = events.poll(Deadline.DEFAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("only " + out.size() + " of " + n + " events arrived");
      }
      out.add(e);
    }
    return out;
  }

  @Override
  public void onOpen(WebSocket ws) {
    ws.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        events.add(Json.MAPPER.readTree(partial.toString()));
      } catch (IOException e) {
        throw new AssertionError("a frame is not JSON", e);
      }
      partial.setLength(0);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closeCode.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closeCode.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
