package io.parley.protocol.crypto;

/**
 * The scalar multiplications X25519 needs (RFC 7748), on raw 32-byte little-endian values. An
 * engine clamps the scalar itself; a result of all zero bytes is left for the caller to refuse.
 * Implementations are stateless and thread-safe.
 */
interface Curve25519Engine {
  /** What runs the arithmetic, for logs and benchmark reports (e.g. {@code libsodium 1.0.18}). */
  String name();

  /** {@code out = X25519(scalar, u)}; {@code out} may be all zero for a low-order {@code u}. */
  void scalarMult(byte[] scalar, byte[] u, byte[] out);

  /** {@code out = X25519(scalar, 9)}: the public key of {@code scalar}. */
  void scalarMultBase(byte[] scalar, byte[] out);
}
