package io.parley.daemon.api.http;

import io.parley.daemon.api.security.AllowedHosts;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.function.Supplier;

/**
 * Answers 421 to a request whose {@code Host} is not one of {@link AllowedHosts}: a web page on
 * an attacker's domain that rebinds its name to 127.0.0.1 still sends its own name as Host.
 * Thread-safe.
 */
public final class HostFilter implements HttpHandler {
  private final Supplier<AllowedHosts> allowed;
  private final HttpHandler next;

  /** {@code allowed} is read per request: the port is known only once the server listens. */
  public HostFilter(Supplier<AllowedHosts> allowed, HttpHandler next) {
    this.allowed = allowed;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    if (!allowed.get().allowsHost(ex.getRequestHeaders().getFirst(Headers.HOST))) {
      throw new ApiException(421, ApiException.MISDIRECTED,
          "the Host header does not name this daemon's API (use 127.0.0.1:<port>)");
    }
    next.handleRequest(ex);
  }
}
