package io.parley.agent.internal.store;

/**
 * Outcome of the integrity check of a received message against the receiving chain (agent
 * message id and previous-message hash); stored as the lower-case name.
 */
public enum MsgIntegrity {
  /** Next id in sequence and the previous hash matches. */
  OK,
  /** Same id and hash as an earlier message; normally dropped before it is stored. */
  DUPLICATE,
  /** Ids were skipped: the messages {@code skipped_from..skipped_to} never arrived. */
  SKIPPED,
  /** The id is not after the last one received (e.g. the sender restored an old backup). */
  BAD_ID,
  /** In sequence, but the previous-message hash differs from the last message received. */
  BAD_HASH
}
