package io.parley.daemon.api.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * The outermost handler: sets the headers every response carries (no caching of anything the
 * API answers, no MIME sniffing) and turns any exception a filter or handler throws into the
 * error envelope, so no request ever gets Undertow's HTML error page. Thread-safe.
 */
public final class ErrorEnvelopeHandler implements HttpHandler {
  private static final HttpString CACHE_CONTROL = new HttpString("Cache-Control");
  private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");

  private final HttpHandler next;

  public ErrorEnvelopeHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) {
    ex.getResponseHeaders().put(CACHE_CONTROL, "no-store");
    ex.getResponseHeaders().put(NOSNIFF, "nosniff");
    try {
      next.handleRequest(ex);
    } catch (Exception e) {
      Exchanges.fail(ex, e);
    }
  }
}
