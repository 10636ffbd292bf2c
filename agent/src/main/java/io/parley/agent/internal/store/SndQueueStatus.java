package io.parley.agent.internal.store;

/** Lifecycle of a send queue; stored as the lower-case name. */
public enum SndQueueStatus {
  /** Known from the link; the confirmation is not yet sent. */
  NEW,
  /** Secured with our sender key. */
  SECURED,
  /** In use for messages. */
  ACTIVE,
  /** The relay refused it for good (AUTH): the connection needs a new queue. */
  FAILED
}
