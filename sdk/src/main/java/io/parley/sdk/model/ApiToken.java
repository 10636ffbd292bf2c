package io.parley.sdk.model;

import java.time.Instant;

/**
 * A scoped API token as listed (the token itself is only ever shown once, at creation).
 * Immutable; {@link #toString()} leaves the token out.
 *
 * @param name a label for people, or null
 * @param token the token, only in the answer to its creation; else null
 */
public record ApiToken(String id, String name, TokenScope scope, String profile,
    Instant createdAt, String token) {
  @Override
  public String toString() {
    return "ApiToken[id=" + id + ", scope=" + scope + "]";
  }
}
