package io.parley.daemon.client;

import java.util.Arrays;

/**
 * A byte array usable as a map key (queue ids, correlation ids, private keys). Takes a copy, so
 * later changes to the caller's array do not move entries. {@link #toString()} prints no bytes.
 */
final class ByteKey {
  private final byte[] bytes;
  private final int hash;

  ByteKey(byte[] bytes) {
    this.bytes = bytes.clone();
    this.hash = Arrays.hashCode(this.bytes);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ByteKey[" + bytes.length + " bytes]";
  }
}
