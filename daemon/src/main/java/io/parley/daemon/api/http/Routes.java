package io.parley.daemon.api.http;

import io.parley.daemon.api.security.Access;
import io.parley.daemon.api.security.Authenticator;
import io.parley.daemon.api.security.ConsoleSessions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;

/**
 * The route table: each route is a method, a path template ({@code /v1/connections/{id}}), the
 * tokens it admits, the body it takes and its endpoint, assembled into
 * {@code AuthGuard -> EndpointHandler -> Endpoint}. Unknown paths answer 404 and known paths
 * with another method 405, both in the error envelope. Not thread-safe while routes are added;
 * the handler it builds is.
 */
public final class Routes {
  private final RoutingHandler routing = new RoutingHandler(true);
  private final Authenticator authenticator;
  private final ConsoleSessions sessions;
  private final long maxBodyBytes;
  private final long bodyTimeoutMillis;

  /**
   * @param maxBodyBytes largest request body. UNIT: bytes
   * @param bodyTimeoutMillis time for a body to arrive once its head has. UNIT: milliseconds
   */
  public Routes(Authenticator authenticator, ConsoleSessions sessions, long maxBodyBytes,
      long bodyTimeoutMillis) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeoutMillis = bodyTimeoutMillis;
    routing.setFallbackHandler(ex -> Exchanges.send(ex, Reply.error(
        ApiException.notFound("no such resource; see GET /v1/openapi.yaml"))));
    routing.setInvalidMethodHandler(ex -> Exchanges.send(ex, Reply.error(new ApiException(405,
        ApiException.METHOD_NOT_ALLOWED, "this resource does not take " + ex.getRequestMethod()))));
  }

  public Routes get(String path, Access access, Endpoint endpoint) {
    return add("GET", path, access, BodyPolicy.NONE, endpoint);
  }

  public Routes post(String path, Access access, BodyPolicy body, Endpoint endpoint) {
    return add("POST", path, access, body, endpoint);
  }

  public Routes put(String path, Access access, BodyPolicy body, Endpoint endpoint) {
    return add("PUT", path, access, body, endpoint);
  }

  public Routes patch(String path, Access access, BodyPolicy body, Endpoint endpoint) {
    return add("PATCH", path, access, body, endpoint);
  }

  public Routes delete(String path, Access access, Endpoint endpoint) {
    return add("DELETE", path, access, BodyPolicy.NONE, endpoint);
  }

  /** A route served by a plain Undertow handler (WebSocket and SSE streams), behind its guard. */
  public Routes raw(String method, String path, Access access, HttpHandler handler) {
    routing.add(Methods.fromString(method), path, new AuthGuard(access, authenticator, sessions, handler));
    return this;
  }

  private Routes add(String method, String path, Access access, BodyPolicy body,
      Endpoint endpoint) {
    return raw(method, path, access, new EndpointHandler(body, maxBodyBytes, bodyTimeoutMillis, endpoint));
  }

  /** The handler serving every route added. */
  public HttpHandler handler() {
    return routing;
  }
}
