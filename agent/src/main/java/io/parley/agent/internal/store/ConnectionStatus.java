package io.parley.agent.internal.store;

/** Lifecycle of a connection; stored as the lower-case name. */
public enum ConnectionStatus {
  /** An invitation was created and waits for the peer to join. */
  PENDING,
  /** This side joined an invitation and waits for the handshake to complete. */
  JOINING,
  /** Both queues are secured; messages flow both ways. */
  ESTABLISHED,
  /** Deleted by the user; kept until its rows are purged. */
  DELETED
}
