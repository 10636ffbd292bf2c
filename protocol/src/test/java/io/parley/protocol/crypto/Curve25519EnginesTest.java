package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native and the Java X25519 must be interchangeable: same bytes for every input. */
class Curve25519EnginesTest {
  private static final HexFormat HEX = HexFormat.of();
  private final Curve25519Engine bouncy = new BouncyCurve25519();
  private Curve25519Engine sodium;

  /**
   * libsodium: on Linux x86-64, where its bundled build must load, a failure fails every test
   * here; on a platform without a bundled build the tests are skipped.
   */
  @BeforeEach
  void loadSodium() {
    try {
      sodium = new SodiumCurve25519();
    } catch (RuntimeException | LinkageError e) {
      if (linuxX8664()) {
        throw e;
      }
      assumeTrue(false, "libsodium does not load here: " + e);
    }
  }

  private static boolean linuxX8664() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
  }

  @Test
  void bothEnginesPassTheRfc7748SelfTest() {
    assertEquals("libsodium", Curve25519Engines.checked(sodium).name());
    assertEquals("BouncyCastle", Curve25519Engines.checked(bouncy).name());
  }

  @Test
  void bothEnginesComputeTheSameAgreementsAndPublicKeysForRandomInputs() {
    SplittableRandom random = new SplittableRandom(7748);
    for (int i = 0; i < 2_000; i++) {
      byte[] scalar = bytes(random);
      byte[] u = bytes(random); // the high bit is set in half of them: both must ignore it
      assertArrayEquals(mult(bouncy, scalar, u), mult(sodium, scalar, u), "scalar x u #" + i);
      byte[] a = new byte[32];
      byte[] b = new byte[32];
      bouncy.scalarMultBase(scalar.clone(), a);
      sodium.scalarMultBase(scalar.clone(), b);
      assertArrayEquals(a, b, "public key #" + i);
    }
  }

  @Test
  void bothEnginesReduceEveryNonCanonicalCoordinateAlikeAndZeroTheLowOrderOnes() {
    SplittableRandom random = new SplittableRandom(25519);
    byte[] scalar = bytes(random);
    // u = p + k for k in 0..18 (p = 2^255 - 19), with and without the ignored high bit.
    for (int k = 0; k < 19; k++) {
      for (int high = 0; high < 2; high++) {
        byte[] u = new byte[32];
        java.util.Arrays.fill(u, (byte) 0xff);
        u[0] = (byte) (0xed + k);
        u[31] = (byte) (high == 0 ? 0x7f : 0xff);
        assertArrayEquals(mult(bouncy, scalar, u), mult(sodium, scalar, u),
            "u = p + " + k + (high == 1 ? " with the high bit" : ""));
      }
    }
    byte[] zero = new byte[32];
    assertArrayEquals(zero, mult(sodium, scalar, new byte[32]), "u = 0 gives zeros, not junk");
  }

  @Test
  void onLinuxX8664TheAgreementsRunOnLibsodiumSoASilentFallbackFailsTheBuild() {
    assumeTrue(linuxX8664());
    assertEquals("libsodium", X25519.engine());
  }

  @Test
  void thePropertyChoosesBouncyCastleAndRefusesAnUnknownEngine() {
    String before = System.getProperty(Curve25519Engines.PROPERTY);
    try {
      System.setProperty(Curve25519Engines.PROPERTY, "bouncycastle");
      assertInstanceOf(BouncyCurve25519.class, Curve25519Engines.select());
      System.setProperty(Curve25519Engines.PROPERTY, "sodium");
      assertInstanceOf(SodiumCurve25519.class, Curve25519Engines.select());
      System.setProperty(Curve25519Engines.PROPERTY, "openssl");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          Curve25519Engines::select);
      assertEquals("parley.x25519 must be auto, sodium or bouncycastle, not openssl",
          e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(Curve25519Engines.PROPERTY);
      } else {
        System.setProperty(Curve25519Engines.PROPERTY, before);
      }
    }
  }

  @Test
  void loadingLibsodiumLeavesNoCopyOfItInTheTemporaryDirectory() throws Exception {
    new SodiumCurve25519();
    try (var files = java.nio.file.Files.list(
        java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
      assertEquals(0, files.filter(f -> f.getFileName().toString()
          .startsWith("parley-libsodium-")).count());
    }
  }

  @Test
  void aShortPrivateKeyIsRefusedBeforeItReachesNativeCode() {
    assertThrows(IllegalArgumentException.class, () -> X25519.publicKeyOf(new byte[31]));
  }

  private static byte[] mult(Curve25519Engine engine, byte[] scalar, byte[] u) {
    byte[] out = new byte[32];
    engine.scalarMult(scalar.clone(), u.clone(), out);
    return out;
  }

  private static byte[] bytes(SplittableRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }
}
