package io.parley.agent.internal.store;

import io.parley.protocol.crypto.SecureRandoms;
import java.util.Base64;

/**
 * Public ids for rows (connections, messages, requests): random, or time-ordered for rows
 * inserted at a high rate. Thread-safe.
 */
public final class StoreIds {
  /** 128 bits: collisions are out of reach, and ids reveal neither order nor count. */
  public static final int ID_BYTES = 16;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private StoreIds() {}

  /** Random bytes in a {@linkplain #newTimeOrderedId time-ordered id}: 72 bits. */
  static final int ORDERED_RANDOM_BYTES = 9;
  /** Hex digits of the time in a time-ordered id: 48 bits of milliseconds. */
  private static final int TIME_HEX_DIGITS = 12;
  /** Hex digits of the sequence within one millisecond: up to 65,536 ids in order. */
  private static final int SEQUENCE_HEX_DIGITS = 4;
  private static final int MAX_SEQUENCE = (1 << (4 * SEQUENCE_HEX_DIGITS)) - 1;

  private static long lastMillis = Long.MIN_VALUE;
  private static int sequence;

  /** A new url-safe id of 22 characters. */
  public static String newId() {
    return ENCODER.encodeToString(SecureRandoms.bytes(ID_BYTES));
  }

  /**
   * A new url-safe id of 28 characters whose text sorts by {@code epochMillis}: 12 hex digits
   * of the time, 4 of a sequence within that millisecond, then 72 random bits. The sequence
   * keeps ids of one millisecond in the order they were made (two messages received in the same
   * millisecond are listed in arrival order), for times that do not go backwards. Used for received messages, whose unique index on a random
   * id put every insert on a different page (one more page written per message, and a read when
   * it had left the cache). It shows when the message arrived, which the API shows anyway; ids
   * are never sent to peers.
   *
   * @param epochMillis UNIT: milliseconds since the epoch
   */
  public static String newTimeOrderedId(long epochMillis) {
    String time = Long.toHexString(epochMillis & 0xFFFF_FFFF_FFFFL);
    String seq = Integer.toHexString(nextSequence(epochMillis));
    return "0".repeat(TIME_HEX_DIGITS - time.length()) + time
        + "0".repeat(SEQUENCE_HEX_DIGITS - seq.length()) + seq
        + ENCODER.encodeToString(SecureRandoms.bytes(ORDERED_RANDOM_BYTES));
  }

  private static synchronized int nextSequence(long epochMillis) {
    if (epochMillis != lastMillis) {
      lastMillis = epochMillis;
      sequence = 0;
    } else if (sequence < MAX_SEQUENCE) {
      sequence++;
    }
    return sequence;
  }
}
