package io.parley.agent.internal.handshake;

/**
 * The contact address's welcome text as it is now, or null. {@link ContactAddresses} sets it
 * whenever the address is loaded, created, changed or deleted; {@link Joins} reads it when a
 * connection accepted from the address is established. It is its own object so that the two
 * need not hold each other: accepting a request joins, and a join's end sends the welcome.
 * Thread-safe.
 */
public final class WelcomeText {
  private volatile String text;

  /** The welcome text now, or null for none. */
  public String get() {
    return text;
  }

  void set(String textOrNull) {
    text = textOrNull;
  }
}
