package io.parley.agent.internal.delivery;

/**
 * Tells the two forms a stored control message takes apart. A contact request (and a
 * confirmation stored before connections had several queues) is kept as the finished SEND body,
 * an e2e envelope, which starts with its u16 version (0x00 0x01). A confirmation is now kept as
 * the agent envelope alone, which starts with its tag {@code 'C'}: the delivery worker seals it
 * for each of the peer's queues with that queue's keys.
 */
final class ControlPayload {
  private static final byte CONFIRMATION_TAG = 'C';
  /** A ratchet message in its agent envelope: a queue rotation message (docs/agent.md 2.2). */
  private static final byte MESSAGE_TAG = 'M';

  private ControlPayload() {}

  /** Whether {@code payload} still needs the per-queue e2e layer. */
  static boolean isUnsealed(byte[] payload) {
    return payload.length > 0 && (payload[0] == CONFIRMATION_TAG || payload[0] == MESSAGE_TAG);
  }

  /** Whether {@code payload} is a confirmation, which carries the sender's e2e key. */
  static boolean isConfirmation(byte[] payload) {
    return payload.length > 0 && payload[0] == CONFIRMATION_TAG;
  }
}
