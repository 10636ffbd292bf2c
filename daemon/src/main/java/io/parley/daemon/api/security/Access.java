package io.parley.daemon.api.security;

import io.parley.daemon.store.api.TokenScope;

/** Which tokens a route admits. */
public enum Access {
  /** No token needed (health only: nothing secret). */
  PUBLIC,
  /** A send or admin token: listing connections and sending. */
  SEND,
  /** An admin token (or the owner token). */
  ADMIN,
  /** The daemon's owner token alone: creating profiles. */
  OWNER;

  /** Whether a token of {@code scope} may use a route of this access. */
  public boolean admits(TokenScope scope) {
    return switch (this) {
      case PUBLIC -> true;
      case SEND -> scope == TokenScope.SEND || scope == TokenScope.ADMIN;
      case ADMIN, OWNER -> scope == TokenScope.ADMIN;
    };
  }

  /** Whether {@code p} may use a route of this access. */
  public boolean admits(Principal p) {
    return admits(p.scope()) && (this != OWNER || p.owner());
  }
}
