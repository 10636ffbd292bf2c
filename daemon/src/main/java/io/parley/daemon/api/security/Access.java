package io.parley.daemon.api.security;

import io.parley.daemon.store.api.TokenScope;

/** Which tokens a route admits. */
public enum Access {
  /** No token needed (health only: nothing secret). */
  PUBLIC,
  /** A send or admin token: listing connections and sending. */
  SEND,
  /** An admin token (or the root token). */
  ADMIN;

  /** Whether a token of {@code scope} may use a route of this access. */
  public boolean admits(TokenScope scope) {
    return switch (this) {
      case PUBLIC -> true;
      case SEND -> scope == TokenScope.SEND || scope == TokenScope.ADMIN;
      case ADMIN -> scope == TokenScope.ADMIN;
    };
  }
}
