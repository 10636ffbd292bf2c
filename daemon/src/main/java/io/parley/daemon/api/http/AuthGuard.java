package io.parley.daemon.api.http;

import io.parley.daemon.api.security.Access;
import io.parley.daemon.api.security.Authenticator;
import io.parley.daemon.api.security.ConsoleSessions;
import io.parley.daemon.api.security.Principal;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.Locale;
import java.util.Optional;

/**
 * Lets a request through to its route only with a token the route admits: none or an unknown
 * token is 401 (with {@code WWW-Authenticate: Bearer}), a token of too narrow a scope 403. The
 * principal is attached to the exchange as {@link #PRINCIPAL}. Runs before any body is read, so
 * a request without a valid token has no effect.
 *
 * <p>Without an {@code Authorization} header, the web console's session cookie stands for the
 * token it was made from (docs/console.md); a session's state-changing request (anything but
 * GET and HEAD) must also carry its CSRF token, or it is refused 403 {@code csrf_required}
 * before anything happens. The session is attached as {@link #SESSION}. Thread-safe.
 */
public final class AuthGuard implements HttpHandler {
  /** The authenticated caller of a request that passed a guard. */
  public static final AttachmentKey<Principal> PRINCIPAL = AttachmentKey.create(Principal.class);
  /** The console session a request came with, when it used one instead of a token. */
  public static final AttachmentKey<ConsoleSessions.Session> SESSION =
      AttachmentKey.create(ConsoleSessions.Session.class);
  private static final String BEARER = "bearer ";

  private final Access access;
  private final Authenticator authenticator;
  private final ConsoleSessions sessions;
  private final HttpHandler next;

  public AuthGuard(Access access, Authenticator authenticator, ConsoleSessions sessions,
      HttpHandler next) {
    this.access = access;
    this.authenticator = authenticator;
    this.sessions = sessions;
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

  private Optional<Principal> authenticate(HttpServerExchange ex) throws ApiException {
    String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (header == null) {
      return bySession(ex);
    }
    if (header.length() <= BEARER.length()
        || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return Optional.empty();
    }
    return authenticator.authenticate(header.substring(BEARER.length()).trim());
  }

  private Optional<Principal> bySession(HttpServerExchange ex) throws ApiException {
    Cookie cookie = ex.getRequestCookie(sessions.cookieName());
    if (cookie == null) {
      return Optional.empty();
    }
    Optional<ConsoleSessions.Session> session = sessions.find(cookie.getValue());
    if (session.isEmpty()) {
      return Optional.empty();
    }
    // Its token authenticates again: a revoked token's sessions stop working at once.
    Optional<Principal> ofToken = authenticator.authenticate(session.get().token());
    if (ofToken.isEmpty()) {
      sessions.delete(session.get().id());
      return Optional.empty();
    }
    boolean safe = Methods.GET.equals(ex.getRequestMethod())
        || Methods.HEAD.equals(ex.getRequestMethod());
    if (!safe && !ConsoleSessions.csrfMatches(session.get(),
        ex.getRequestHeaders().getFirst(ConsoleSessions.CSRF_HEADER))) {
      throw new ApiException(403, ApiException.CSRF_REQUIRED, "a console session's "
          + "state-changing request needs its " + ConsoleSessions.CSRF_HEADER
          + " header (GET /v1/console/session)");
    }
    ex.putAttachment(SESSION, session.get());
    return Optional.of(session.get().actingAs(ofToken.get()));
  }
}
