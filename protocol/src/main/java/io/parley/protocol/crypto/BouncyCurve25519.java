package io.parley.protocol.crypto;

/** X25519 in BouncyCastle's Java: runs everywhere; about half libsodium's speed on x86-64. */
final class BouncyCurve25519 implements Curve25519Engine {
  @Override
  public String name() {
    return "BouncyCastle";
  }

  @Override
  public void scalarMult(byte[] scalar, byte[] u, byte[] out) {
    // calculateAgreement clamps the scalar; it writes zeros for a low-order u.
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(scalar, 0, u, 0, out, 0);
  }

  @Override
  public void scalarMultBase(byte[] scalar, byte[] out) {
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(scalar, 0, out, 0);
  }
}
