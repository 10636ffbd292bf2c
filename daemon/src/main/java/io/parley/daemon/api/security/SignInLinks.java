package io.parley.daemon.api.security;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One-time console sign-in codes for the owner (docs/console.md): {@code parleyd} prints one at
 * start and {@code parleyd console} asks for another. A code signs in once, within
 * {@link #LINK_LIFETIME}. Kept in memory only; a restart forgets them. Thread-safe.
 */
public final class SignInLinks {
  /** How long a printed sign-in link stays usable. UNIT: duration. */
  public static final Duration LINK_LIFETIME = Duration.ofMinutes(2);
  /** Most unused codes kept; beyond it the oldest is forgotten. */
  public static final int MAX_PENDING_LINKS = 16;
  /** The path a sign-in link opens; the code is its {@code code} query parameter. */
  public static final String PATH = "/console/sign-in";

  /** A code just made and the instant it stops working. */
  public record Issued(String code, long expiresAtMillis) {
    @Override
    public String toString() {
      return "Issued[expiresAt=" + expiresAtMillis + "]";
    }
  }

  private final Clock clock;
  private final Map<String, Long> pending = new HashMap<>();

  public SignInLinks(Clock clock) {
    this.clock = clock;
  }

  /** A new single-use code for an owner session. */
  public synchronized Issued issue() {
    long now = clock.millis();
    pending.values().removeIf(expiry -> expiry <= now);
    while (pending.size() >= MAX_PENDING_LINKS) {
      String oldest = pending.entrySet().stream().min(Map.Entry.comparingByValue())
          .orElseThrow().getKey();
      pending.remove(oldest);
    }
    Issued issued = new Issued(TokenFile.newToken(), now + LINK_LIFETIME.toMillis());
    pending.put(issued.code(), issued.expiresAtMillis());
    return issued;
  }

  /** Uses a code up: true only the first time, and only before it expires. */
  public synchronized boolean redeem(String code) {
    if (code == null || code.length() > Tokens.MAX_TOKEN_CHARS) {
      return false;
    }
    Long expiry = pending.remove(code);
    return expiry != null && clock.millis() < expiry;
  }
}
