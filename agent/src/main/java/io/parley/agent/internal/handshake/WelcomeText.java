package io.parley.agent.internal.handshake;

/**
 * Each profile's contact address welcome text as it is now, or null. {@link ContactAddresses} sets it
 * whenever the address is loaded, created, changed or deleted; {@link Joins} reads it when a
 * connection accepted from the address is established. It is its own object so that the two
 * need not hold each other: accepting a request joins, and a join's end sends the welcome.
 * Thread-safe.
 */
public final class WelcomeText {
  private final java.util.Map<String, String> texts =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The profile's welcome text now, or null for none. */
  public String get(String profileId) {
    return texts.get(profileId);
  }

  void set(String profileId, String textOrNull) {
    if (textOrNull == null) {
      texts.remove(profileId);
    } else {
      texts.put(profileId, textOrNull);
    }
  }
}
