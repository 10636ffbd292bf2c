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

  /** Random bytes in a {@linkplain #newTimeOrderedId time-ordered id}: 96 bits. */
  static final int ORDERED_RANDOM_BYTES = 12;
  /** Hex digits of the time in a time-ordered id: 48 bits of milliseconds. */
  private static final int TIME_HEX_DIGITS = 12;

  /** A new url-safe id of 22 characters. */
  public static String newId() {
    return ENCODER.encodeToString(SecureRandoms.bytes(ID_BYTES));
  }

  /**
   * A new url-safe id of 28 characters whose text sorts by {@code epochMillis}: 12 hex digits
   * of the time, then 96 random bits. Used for received messages, whose unique index on a random
   * id put every insert on a different page (one more page written per message, and a read when
   * it had left the cache). It shows when the message arrived, which the API shows anyway; ids
   * are never sent to peers.
   *
   * @param epochMillis UNIT: milliseconds since the epoch
   */
  public static String newTimeOrderedId(long epochMillis) {
    String time = Long.toHexString(epochMillis & 0xFFFF_FFFF_FFFFL);
    return "0".repeat(TIME_HEX_DIGITS - time.length()) + time
        + ENCODER.encodeToString(SecureRandoms.bytes(ORDERED_RANDOM_BYTES));
  }
}
