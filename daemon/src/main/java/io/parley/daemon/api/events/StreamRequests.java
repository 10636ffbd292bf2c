package io.parley.daemon.api.events;

import io.parley.daemon.api.http.Exchanges;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Optional;

/** What the streaming endpoints (WebSocket, SSE) do alike before their protocols differ. */
final class StreamRequests {
  /** Checks the request, resolves its cursor and hands the exchange to the protocol. */
  @FunctionalInterface
  interface Opener {
    void open(HttpServerExchange ex) throws Exception;
  }

  private StreamRequests() {}

  /**
   * Runs {@code opener} on a worker thread: resolving a consumer's cursor reads the store, which
   * must not happen on an I/O thread. Failures from there on are outside the outer error
   * handler's call, so they are answered here.
   */
  static void dispatch(HttpServerExchange ex, Opener opener) {
    ex.dispatch(() -> {
      try {
        opener.open(ex);
      } catch (Exception e) {
        Exchanges.fail(ex, e);
      }
    });
  }

  /** The first value of query parameter {@code name}, if given. */
  static Optional<String> query(HttpServerExchange ex, String name) {
    Deque<String> v = ex.getQueryParameters().get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.peekFirst());
  }
}
