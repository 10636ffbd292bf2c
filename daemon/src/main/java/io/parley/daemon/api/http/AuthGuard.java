package io.parley.daemon.api.http;

import io.parley.daemon.api.security.Access;
import io.parley.daemon.api.security.Authenticator;
import io.parley.daemon.api.security.Principal;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.Locale;
import java.util.Optional;

/**
 * Lets a request through to its route only with a token the route admits: none or an unknown
 * token is 401 (with {@code WWW-Authenticate: Bearer}), a token of too narrow a scope 403. The
 * principal is attached to the exchange as {@link #PRINCIPAL}. Runs before any body is read, so
 * a request without a valid token has no effect. Thread-safe.
 */
public final class AuthGuard implements HttpHandler {
  /** The authenticated caller of a request that passed a guard. */
  public static final AttachmentKey<Principal> PRINCIPAL = AttachmentKey.create(Principal.class);
  private static final String BEARER = "bearer ";

  private final Access access;
  private final Authenticator authenticator;
  private final HttpHandler next;

  public AuthGuard(Access access, Authenticator authenticator, HttpHandler next) {
    this.access = access;
    this.authenticator = authenticator;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    if (access != Access.PUBLIC) {
      Principal p = authenticate(ex).orElseThrow(() -> {
        ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"parley\"");
        return new ApiException(401, ApiException.UNAUTHORIZED,
            "a valid token is required: Authorization: Bearer <token from api.token>");
      });
      if (!access.admits(p.scope())) {
        throw new ApiException(403, ApiException.FORBIDDEN,
            "this token's scope (" + p.scope().label() + ") does not allow this request");
      }
      if (!access.admits(p)) {
        throw new ApiException(403, ApiException.FORBIDDEN,
            "only the owner token (api.token) may do this");
      }
      ex.putAttachment(PRINCIPAL, p);
    }
    next.handleRequest(ex);
  }

  private Optional<Principal> authenticate(HttpServerExchange ex) {
    String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (header == null || header.length() <= BEARER.length()
        || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return Optional.empty();
    }
    return authenticator.authenticate(header.substring(BEARER.length()).trim());
  }
}
