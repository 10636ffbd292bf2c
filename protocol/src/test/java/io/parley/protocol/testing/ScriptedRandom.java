package io.parley.protocol.testing;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A {@link SecureRandom} that hands out a fixed script of values, one per draw, so code that
 * draws nonces and keys produces known bytes (the test vectors of docs/vectors/). A draw whose
 * size differs from the next scripted value, or a draw past the end, fails the test: a change
 * in how many random bytes a layer draws is a change of the vectors.
 */
public final class ScriptedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final transient Deque<byte[]> script = new ArrayDeque<>();

  public ScriptedRandom(byte[]... values) {
    for (byte[] v : values) {
      script.add(v.clone());
    }
  }

  /** {@code n} bytes each equal to {@code value}. */
  public static byte[] fill(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    byte[] next = script.poll();
    if (next == null) {
      throw new AssertionError("an unscripted draw of " + bytes.length + " random bytes");
    }
    if (next.length != bytes.length) {
      throw new AssertionError(
          "a draw of " + bytes.length + " bytes where " + next.length + " were scripted");
    }
    System.arraycopy(next, 0, bytes, 0, bytes.length);
  }

  /** Whether every scripted value was drawn. */
  public synchronized boolean exhausted() {
    return script.isEmpty();
  }
}
