package io.parley.agent.internal.store;

/** What an outgoing agent message carries; stored as the lower-case name. */
public enum OutMessageKind {
  /** A user message. */
  TEXT,
  /** A delivery receipt for a received message. */
  RECEIPT,
  /** An agent protocol message (handshake, queue rotation, ...). */
  CONTROL
}
