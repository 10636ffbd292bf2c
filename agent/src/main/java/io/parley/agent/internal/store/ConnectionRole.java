package io.parley.agent.internal.store;

/** Which side of the invitation this agent is on; stored as the lower-case name. */
public enum ConnectionRole {
  /** Created the invitation. */
  INVITER,
  /** Joined someone else's invitation. */
  JOINER
}
