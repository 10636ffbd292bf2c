package io.parley.protocol.crypto;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import java.util.Arrays;

/**
 * X25519 in libsodium (the copy bundled in lazysodium-java, called through JNA's direct
 * mapping): about twice BouncyCastle's speed on x86-64, where the relay spends one agreement per
 * queue per session and an agent several per connection made.
 */
final class SodiumCurve25519 implements Curve25519Engine {
  private final SodiumJava sodium;

  /** Loads the bundled library; throws (any Throwable JNA raises) when it cannot. */
  SodiumCurve25519() {
    sodium = new SodiumJava(LibraryLoader.Mode.BUNDLED_ONLY);
    if (sodium.sodium_init() < 0) {
      throw new IllegalStateException("sodium_init failed");
    }
  }

  @Override
  public String name() {
    return "libsodium";
  }

  @Override
  public void scalarMult(byte[] scalar, byte[] u, byte[] out) {
    // libsodium clamps the scalar and answers -1 for a low-order u or an all-zero result,
    // leaving out undefined: zeros make X25519.agree refuse it, as with BouncyCastle.
    if (sodium.crypto_scalarmult(out, scalar, u) != 0) {
      Arrays.fill(out, (byte) 0);
    }
  }

  @Override
  public void scalarMultBase(byte[] scalar, byte[] out) {
    if (sodium.crypto_scalarmult_base(out, scalar) != 0) {
      throw new IllegalStateException("crypto_scalarmult_base failed");
    }
  }
}
