package io.parley.agent.error;

/**
 * An agent operation failed for a stated {@link Reason}; the local API maps each reason to one
 * HTTP status. The message names what went wrong but never carries a key, link, queue id or
 * message text.
 */
public final class AgentException extends Exception {
  /** Why the operation failed; callers branch on this, not on the message text. */
  public enum Reason {
    /** No connection with that id (or it was deleted). */
    UNKNOWN_CONNECTION,
    /** No such profile, or it is being deleted. */
    UNKNOWN_PROFILE,
    /** The connection exists but its handshake has not completed, or its peer queue failed. */
    NOT_ESTABLISHED,
    /** The text is longer than {@link io.parley.protocol.agent.AgentLimits#MAX_TEXT_BYTES}. */
    TEXT_TOO_LONG,
    /** The link does not parse, or is of the wrong kind for the operation. */
    BAD_LINK,
    /** The invitation was already used by someone else (its queue is secured). */
    LINK_ALREADY_USED,
    /** A relay's identity does not match the key hash in its address. */
    RELAY_IDENTITY,
    /** A relay could not be reached or refused the command; the operation may be retried. */
    RELAY_UNAVAILABLE,
    /** No contact request with that id is pending. */
    UNKNOWN_REQUEST,
    /** A contact address already exists (there is at most one). */
    ADDRESS_EXISTS,
    /** The connection's queues are being rotated already (docs/agent.md 2.2). */
    ROTATION_IN_PROGRESS,
    /** There is no contact address. */
    NO_ADDRESS,
    /** No relay with that id is configured. */
    UNKNOWN_RELAY,
    /** The relay cannot be retired: it is the last relay. */
    RELAY_IN_USE,
    /**
     * The relay cannot be retired: the contact address's queue is on it. The address's link has
     * been shared, so moving it would silently break the link; the owner deletes the address
     * and makes a new one (on another relay) first.
     */
    ADDRESS_ON_RELAY,
    /** The local store failed or is overloaded; the operation may be retried. */
    STORE_UNAVAILABLE,
    /** The agent is closed or closing. */
    CLOSED,
    /** A value given by the caller is out of range (for example an alias that is too long). */
    INVALID_ARGUMENT,
    /**
     * A profile's name, description and commands together would exceed the handshake's
     * profile limit; nothing was changed.
     */
    PROFILE_TOO_LARGE,
    /**
     * An idempotency key already used on the connection came with a different text; nothing
     * was queued (the key still names the first message).
     */
    IDEMPOTENCY_CONFLICT,
    /** Something failed that should not (a bug); the message names the exception type. */
    INTERNAL
  }

  private final Reason reason;

  public AgentException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public AgentException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** The typed cause of the failure. */
  public Reason reason() {
    return reason;
  }
}
