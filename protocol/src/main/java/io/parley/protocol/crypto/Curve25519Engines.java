package io.parley.protocol.crypto;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Chooses the {@link Curve25519Engine} once per JVM. The system property
 * {@value #PROPERTY} is {@code auto} (the default: libsodium when it loads and passes the
 * self-test, else BouncyCastle), {@code sodium} (libsodium or fail) or {@code bouncycastle}.
 * The self-test runs RFC 7748's vectors, so a library that loads but computes something else is
 * never used.
 */
final class Curve25519Engines {
  /** System property choosing the engine. */
  static final String PROPERTY = "parley.x25519";
  private static final System.Logger LOG = System.getLogger(Curve25519Engines.class.getName());
  private static final HexFormat HEX = HexFormat.of();

  // RFC 7748 section 5.2, first vector: a scalar, a u-coordinate (high bit set, which the
  // function must ignore) and their product.
  private static final byte[] VECTOR_SCALAR =
      HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
  private static final byte[] VECTOR_U =
      HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
  private static final byte[] VECTOR_OUT =
      HEX.parseHex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  // RFC 7748 section 6.1: Alice's private key and public key.
  private static final byte[] ALICE_PRIVATE =
      HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  private static final byte[] ALICE_PUBLIC =
      HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");

  private Curve25519Engines() {}

  /** The engine the property asks for; see the class comment. */
  static Curve25519Engine select() {
    String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    switch (wanted) {
      case "bouncycastle":
        return new BouncyCurve25519();
      case "sodium":
        return checked(new SodiumCurve25519());
      case "auto":
        try {
          return checked(new SodiumCurve25519());
        } catch (RuntimeException | LinkageError e) { // JNA fails with UnsatisfiedLinkError
          LOG.log(Level.INFO, "X25519 runs on BouncyCastle: libsodium is not usable here ("
              + e.getClass().getSimpleName() + ")");
          return new BouncyCurve25519();
        }
      default:
        throw new IllegalArgumentException(PROPERTY + " must be auto, sodium or bouncycastle, not "
            + wanted);
    }
  }

  /** Returns {@code engine} if it reproduces RFC 7748's vectors, else throws. */
  static Curve25519Engine checked(Curve25519Engine engine) {
    byte[] out = new byte[X25519.KEY_BYTES];
    engine.scalarMult(VECTOR_SCALAR.clone(), VECTOR_U.clone(), out);
    byte[] pub = new byte[X25519.KEY_BYTES];
    engine.scalarMultBase(ALICE_PRIVATE.clone(), pub);
    if (!Arrays.equals(out, VECTOR_OUT) || !Arrays.equals(pub, ALICE_PUBLIC)) {
      throw new IllegalStateException(engine.name() + " fails RFC 7748's X25519 vectors");
    }
    return engine;
  }
}
