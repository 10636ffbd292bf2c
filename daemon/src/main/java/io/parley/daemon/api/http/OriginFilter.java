package io.parley.daemon.api.http;

import io.parley.daemon.api.security.AllowedHosts;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.function.Supplier;

/**
 * Refuses (403) every request a browser sends on behalf of another site: an {@code Origin}
 * other than this API itself, or {@code Sec-Fetch-Site: cross-site}. This covers WebSocket
 * upgrades, which browsers send cross-origin without any preflight. No CORS header is ever
 * sent, so browsers also keep cross-origin responses from the pages that asked. Thread-safe.
 */
public final class OriginFilter implements HttpHandler {
  private static final HttpString SEC_FETCH_SITE = new HttpString("Sec-Fetch-Site");

  private final Supplier<AllowedHosts> allowed;
  private final HttpHandler next;

  public OriginFilter(Supplier<AllowedHosts> allowed, HttpHandler next) {
    this.allowed = allowed;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String origin = ex.getRequestHeaders().getFirst(Headers.ORIGIN);
    String site = ex.getRequestHeaders().getFirst(SEC_FETCH_SITE);
    if ((origin != null && !allowed.get().allowsOrigin(origin))
        || "cross-site".equalsIgnoreCase(site)) {
      throw new ApiException(403, ApiException.FOREIGN_ORIGIN,
          "cross-origin requests are refused");
    }
    next.handleRequest(ex);
  }
}
