package io.parley.daemon.api.security;

import io.parley.protocol.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web console's sessions (docs/console.md): a random id in an HttpOnly, SameSite=Strict
 * cookie maps to the token it was made from and a CSRF token that state-changing calls must
 * echo in {@link #CSRF_HEADER}. The token is authenticated again on every request, so revoking
 * it (or deleting its profile) ends its sessions at once. Kept in memory only: a daemon restart signs everyone out,
 * and nothing of a session reaches the disk. Thread-safe.
 */
public final class ConsoleSessions {
  /** A session unused this long ends. UNIT: duration. */
  public static final Duration IDLE_LIMIT = Duration.ofHours(12);
  /** Most live sessions; a new one beyond it ends the least recently used. */
  public static final int MAX_SESSIONS = 64;
  /** The header carrying the session's CSRF token on state-changing calls. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** The cookie's name before the port: browsers share cookies across a host's ports. */
  public static final String COOKIE_PREFIX = "parley_session_";

  /**
   * One signed-in browser: the token it acts with, its CSRF token, and the profile an owner
   * session switched to (null: the token's own).
   */
  public record Session(String id, String csrfToken, String token, String profileOrNull,
      long lastUsedMillis) {
    @Override
    public String toString() {
      return "Session[profile=" + profileOrNull + "]";
    }

    /** The principal of a request in this session, given its token's principal. */
    public Principal actingAs(Principal ofToken) {
      return profileOrNull == null || !ofToken.owner() ? ofToken
          : new Principal(ofToken.scope(), ofToken.tokenId(), profileOrNull);
    }
  }

  private final Clock clock;
  // Access order: the eldest entry is the least recently used session.
  private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);
  private volatile int port = -1;

  public ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  /** Names the cookie after the API's port, known once the listener is up. */
  public void listeningOn(int port) {
    this.port = port;
  }

  /** The session cookie's name on this daemon. */
  public String cookieName() {
    return COOKIE_PREFIX + port;
  }

  /** Starts a session acting with {@code token} (already authenticated). */
  public synchronized Session create(String token) {
    expire();
    while (sessions.size() >= MAX_SESSIONS) {
      Iterator<String> eldest = sessions.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    Session s = new Session(TokenFile.newToken(), TokenFile.newToken(), token, null,
        clock.millis());
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session with this cookie value, marked as used now. */
  public synchronized Optional<Session> find(String id) {
    if (id == null || id.isEmpty() || id.length() > Tokens.MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    expire();
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Session used = new Session(s.id(), s.csrfToken(), s.token(), s.profileOrNull(),
        clock.millis());
    sessions.put(id, used);
    return Optional.of(used);
  }

  /** Makes an owner session act in another profile; empty if the session is gone. */
  public synchronized Optional<Session> switchProfile(String id, String profileId) {
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Session switched = new Session(s.id(), s.csrfToken(), s.token(), profileId, clock.millis());
    sessions.put(id, switched);
    return Optional.of(switched);
  }

  /** Ends a session (sign-out); false if there was none. */
  public synchronized boolean delete(String id) {
    return sessions.remove(id) != null;
  }

  /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
  public static boolean csrfMatches(Session s, String presented) {
    if (presented == null || presented.length() > Tokens.MAX_TOKEN_CHARS) {
      return false;
    }
    return Hashes.constantTimeEquals(
        Hashes.sha256(s.csrfToken().getBytes(StandardCharsets.UTF_8)),
        Hashes.sha256(presented.getBytes(StandardCharsets.UTF_8)));
  }

  /** Live sessions. */
  public synchronized int size() {
    expire();
    return sessions.size();
  }

  private void expire() {
    long cutoff = clock.millis() - IDLE_LIMIT.toMillis();
    for (Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator();
        it.hasNext(); ) {
      if (it.next().getValue().lastUsedMillis() < cutoff) {
        it.remove();
      }
    }
  }
}
