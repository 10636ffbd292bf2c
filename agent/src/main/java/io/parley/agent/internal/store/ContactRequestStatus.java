package io.parley.agent.internal.store;

/** State of a request received on the contact address; stored as the lower-case name. */
public enum ContactRequestStatus {
  /** Waiting for the user (auto-accept is off). */
  PENDING,
  /** Accepted: a connection was created by joining the requester's invitation. */
  ACCEPTED,
  /** Rejected by the user; nothing was sent back. */
  REJECTED
}
