package io.parley.agent.internal.store;

/** Delivery state of an outgoing message; stored as the lower-case name. */
public enum OutMessageStatus {
  /** Committed to the outbox, waiting for (another) delivery attempt. */
  QUEUED,
  /** The relay answered OK to SEND: the message is in the peer's queue. */
  SENT,
  /** The peer's receipt arrived. */
  DELIVERED,
  /** Given up on; {@code failure_reason} says why. */
  FAILED
}
