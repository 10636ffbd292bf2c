package io.parley.bots.notifier.delivery;

/**
 * A subscriber has as many alerts held for a digest as the bot keeps; the alert was not taken
 * for them (the sender should retry later, when their digests have gone out). Subscribers
 * already served keep what they got, and a retry skips them.
 */
public final class BacklogFullException extends Exception {
  private static final long serialVersionUID = 1L;

  public BacklogFullException(int limit) {
    super("a subscriber has " + limit + " alerts held for a digest already");
  }
}
