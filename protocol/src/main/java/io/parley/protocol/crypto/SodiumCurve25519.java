package io.parley.protocol.crypto;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * X25519 in libsodium, called through JNA's direct mapping: about twice BouncyCastle's speed on
 * x86-64, where the relay spends one agreement per queue per session and an agent several per
 * connection made. The library is the build that {@code lazysodium-java} carries as a resource;
 * only that file is used, not lazysodium's own loader, which unpacks the whole class path into
 * a new temporary directory at every start and never removes it.
 */
final class SodiumCurve25519 implements Curve25519Engine {
  SodiumCurve25519() {
    Native25519.ensureLoaded();
  }

  @Override
  public String name() {
    return "libsodium";
  }

  @Override
  public void scalarMult(byte[] scalar, byte[] u, byte[] out) {
    // libsodium clamps the scalar and answers -1 for a low-order u or an all-zero result,
    // leaving out undefined: zeros make X25519.agree refuse it, as with BouncyCastle.
    if (Native25519.crypto_scalarmult(out, scalar, u) != 0) {
      Arrays.fill(out, (byte) 0);
    }
  }

  @Override
  public void scalarMultBase(byte[] scalar, byte[] out) {
    if (Native25519.crypto_scalarmult_base(out, scalar) != 0) {
      throw new IllegalStateException("crypto_scalarmult_base failed");
    }
  }

  /** The three libsodium functions used, bound once per JVM when this class initializes. */
  private static final class Native25519 {
    static {
      Path copy = unpack();
      try {
        Native.register(Native25519.class, NativeLibrary.getInstance(copy.toString()));
      } finally {
        // Once mapped, the file is no longer needed: nothing is left behind in the temp dir.
        try {
          Files.deleteIfExists(copy);
        } catch (IOException ignored) {
          // removed with the temporary directory
        }
      }
      if (sodium_init() < 0) {
        throw new IllegalStateException("sodium_init failed");
      }
    }

    private Native25519() {}

    static void ensureLoaded() {
      // Calling this runs the static initializer once, or rethrows its failure.
    }

    static native int sodium_init();

    static native int crypto_scalarmult(byte[] q, byte[] n, byte[] p);

    static native int crypto_scalarmult_base(byte[] q, byte[] n);

    /** Copies the bundled library for this platform to a private temporary file. */
    private static Path unpack() {
      String resource = resourceFor(System.getProperty("os.name"), System.getProperty("os.arch"));
      try (InputStream in = SodiumCurve25519.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new UnsatisfiedLinkError("no bundled libsodium at " + resource);
        }
        Path copy = Files.createTempFile("parley-libsodium-", ".so");
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot unpack libsodium", e);
      }
    }

    /** Where lazysodium-java keeps the build for a platform; Linux only here. */
    static String resourceFor(String osName, String osArch) {
      String os = osName.toLowerCase(Locale.ROOT);
      String arch = osArch.toLowerCase(Locale.ROOT);
      if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
        return "linux64/libsodium.so";
      }
      if (os.contains("linux") && (arch.equals("aarch64") || arch.equals("arm64"))) {
        return "arm64/libsodium.so";
      }
      throw new UnsatisfiedLinkError("no bundled libsodium for " + osName + " " + osArch);
    }
  }
}
