package io.parley.relay.server;

import java.util.Arrays;

/**
 * A queue id or public key usable as a hash key: compared by content. Wraps the array
 * without copying; callers never mutate ids. Immutable; {@link #toString()} hides the id.
 */
final class ByteKey {
  private final byte[] bytes;
  private final int hash;

  ByteKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ByteKey[redacted]";
  }
}
