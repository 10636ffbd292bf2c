package io.parley.protocol.crypto;

import java.security.SecureRandom;

/** The one CSPRNG of the process. {@link SecureRandom} is thread-safe. */
public final class SecureRandoms {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecureRandoms() {}

  public static byte[] bytes(int n) {
    byte[] out = new byte[n];
    RANDOM.nextBytes(out);
    return out;
  }

  public static SecureRandom get() {
    return RANDOM;
  }
}
