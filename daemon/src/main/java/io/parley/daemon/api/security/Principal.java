package io.parley.daemon.api.security;

import io.parley.daemon.store.api.TokenScope;

/**
 * Who made a request: the scope of the token it carried.
 *
 * @param tokenId the scoped token's id, or null for the root token of {@code api.token}
 */
public record Principal(TokenScope scope, String tokenId) {
  /** The root token's principal. */
  public static final Principal ROOT = new Principal(TokenScope.ADMIN, null);
}
