package io.parley.protocol.codec;

import java.util.Arrays;

/**
 * A byte array as a hash-map key, compared by content: queue ids, correlation ids, public keys.
 * The array is held, not copied (a relay keys a million queues by ids it already owns); use
 * {@link #copyOf} when the caller may reuse its array. Treat {@link #bytes()} as read-only.
 * {@code toString} never shows the bytes: ids and keys are secrets of their parties. Immutable.
 */
public final class ByteKey {
  private final byte[] bytes;
  private final int hash;

  public ByteKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** A key over a private copy of {@code bytes}. */
  public static ByteKey copyOf(byte[] bytes) {
    return new ByteKey(bytes.clone());
  }

  /** The wrapped bytes; not a copy. */
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && hash == k.hash && Arrays.equals(bytes, k.bytes);
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
