package io.parley.daemon.api.security;

import io.parley.daemon.store.api.TokenScope;
import java.util.Objects;

/**
 * Who made a request: the scope of the token it carried and the profile it acts in.
 *
 * @param tokenId the scoped token's id, or null for the owner token of {@code api.token}
 * @param profileId the profile every path acts on (the owner token's is the default profile)
 */
public record Principal(TokenScope scope, String tokenId, String profileId) {
  /** The default profile's id, where the owner token acts. */
  public static final String DEFAULT_PROFILE = "default";
  /** The owner token's principal. */
  public static final Principal ROOT = new Principal(TokenScope.ADMIN, null, DEFAULT_PROFILE);

  public Principal {
    // Every per-profile limit and filter keys on it: a principal always acts in one profile.
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(profileId, "profileId");
  }

  /** Whether this is the daemon's owner token, which manages profiles. */
  public boolean owner() {
    return tokenId == null;
  }
}
