package io.parley.agent.internal.store;

import java.util.Locale;

/**
 * One row of {@code rcv_rotations}: a receive queue taking part in a queue rotation.
 *
 * @param queueId the receive queue's row id
 * @param state {@code NEW}: made and offered to the peer (QADD), not yet used by it;
 *     {@code DRAINING}: replaced, to be deleted on its relay
 * @param replaces for a {@code NEW} queue, the row id of the queue it replaces, or null when it
 *     is added beside the others
 */
public record RcvRotation(long queueId, String connectionId, State state, Long replaces) {

  /** Where a queue is in its rotation; stored as the lower-case name. */
  public enum State {
    NEW,
    DRAINING;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }
}
