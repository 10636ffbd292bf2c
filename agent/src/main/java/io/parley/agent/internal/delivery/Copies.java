package io.parley.agent.internal.delivery;

/**
 * The copies of one outbox message still in play, one per send queue of its connection. The
 * message is {@code sent} when the first copy is accepted, and {@code failed} only when every
 * copy failed; its payload is kept until no copy needs it (every one accepted, failed, or dropped
 * as useless because the peer holds the message already). Not thread-safe: the owning
 * {@link Deliveries} guards it with the connection's fan-out monitor.
 */
final class Copies {
  /** What one copy's end means for the message. */
  enum Outcome {
    /** Nothing to record yet: other copies are still in play, or it was recorded before. */
    NONE,
    /** The first copy accepted: the message is sent; other copies still need the payload. */
    FIRST_ACCEPTED,
    /** The first copy accepted and no other copy is left: sent, and the payload can go. */
    ONLY_ACCEPTED,
    /**
     * The last copy ended and an earlier one was accepted (or the peer holds the message):
     * only the payload goes.
     */
    LAST_AFTER_ACCEPTED,
    /** The last copy failed and none was ever accepted: the message failed. */
    ALL_FAILED
  }

  private int outstanding;
  private boolean accepted;

  /**
   * @param outstanding copies handed to workers
   * @param accepted whether a relay accepted the message already (restored after a start)
   */
  Copies(int outstanding, boolean accepted) {
    this.outstanding = outstanding;
    this.accepted = accepted;
  }

  Outcome accept() {
    outstanding--;
    if (!accepted) {
      accepted = true;
      return outstanding <= 0 ? Outcome.ONLY_ACCEPTED : Outcome.FIRST_ACCEPTED;
    }
    return outstanding == 0 ? Outcome.LAST_AFTER_ACCEPTED : Outcome.NONE;
  }

  /** A copy was dropped because the peer holds the message already. */
  Outcome drop() {
    outstanding--;
    return outstanding == 0 ? Outcome.LAST_AFTER_ACCEPTED : Outcome.NONE;
  }

  /** A copy failed for good. */
  Outcome fail() {
    outstanding--;
    if (outstanding != 0) {
      return Outcome.NONE;
    }
    return accepted ? Outcome.LAST_AFTER_ACCEPTED : Outcome.ALL_FAILED;
  }

  /** Whether a relay accepted one of the copies: the message is sent. */
  boolean accepted() {
    return accepted;
  }

  boolean settled() {
    return outstanding <= 0;
  }
}
