package io.parley.protocol.ratchet;

/**
 * A ratchet operation failed for a stated {@link Reason}. The message never carries key material
 * or plaintext. When {@link Ratchet#decrypt} throws this, the ratchet state is exactly as it was
 * before the call.
 */
public final class RatchetException extends Exception {
  /** Why the operation failed; callers branch on this, not on the message text. */
  public enum Reason {
    /** The message needs more than {@link Ratchet#MAX_SKIP} message keys skipped in one step. */
    TOO_MANY_SKIPPED,
    /**
     * The header authenticates under a receiving header key this state holds, but the message
     * key for its number is gone: consumed by an earlier decrypt, or evicted by the skipped-key
     * cap. Either way the message can never be decrypted.
     */
    DUPLICATE,
    /** The header does not authenticate under any held header key, or is malformed inside. */
    BAD_HEADER,
    /** The body fails authentication, the message is malformed, or a peer key is unusable. */
    BAD_MESSAGE,
    /** A stored blob does not decode, or the state cannot perform the operation yet. */
    BAD_STATE,
    /** The plaintext does not fit the requested padded size, or that size is out of range. */
    TOO_LARGE
  }

  private final Reason reason;

  public RatchetException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public RatchetException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  /** The typed cause of the failure. */
  public Reason reason() {
    return reason;
  }
}
