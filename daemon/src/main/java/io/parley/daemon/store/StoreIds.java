package io.parley.daemon.store;

import io.parley.protocol.crypto.SecureRandoms;
import java.util.Base64;

/** Random public ids for rows (connections, messages, requests). Thread-safe. */
public final class StoreIds {
  /** 128 bits: collisions are out of reach, and ids reveal neither order nor count. */
  public static final int ID_BYTES = 16;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private StoreIds() {}

  /** A new url-safe id of 22 characters. */
  public static String newId() {
    return ENCODER.encodeToString(SecureRandoms.bytes(ID_BYTES));
  }
}
