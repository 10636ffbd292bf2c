package io.parley.daemon.api.security;

import java.util.Optional;

/** Turns a presented bearer token into a principal. Implementations are thread-safe. */
@FunctionalInterface
public interface Authenticator {
  /** The principal of {@code token}, or empty if it is not a valid token. Constant time. */
  Optional<Principal> authenticate(String token);
}
