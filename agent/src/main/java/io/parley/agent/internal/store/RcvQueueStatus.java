package io.parley.agent.internal.store;

/** Lifecycle of a receive queue; stored as the lower-case name. */
public enum RcvQueueStatus {
  /** Created on the relay; the link is out but nobody confirmed yet. */
  NEW,
  /** The sender's confirmation arrived (its e2e key is known); not yet secured. */
  CONFIRMED,
  /** Secured with the sender's key (KEY/SKEY): only that sender may send. */
  SECURED,
  /** In use for messages. */
  ACTIVE,
  /** Deleted on the relay (or to be); kept until purged. */
  DELETED
}
