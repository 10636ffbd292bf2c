package io.parley.protocol.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA512 (RFC 5869). Thread-safe. */
public final class Hkdf {
  private Hkdf() {}

  public static byte[] sha512(byte[] salt, byte[] ikm, byte[] info, int length) {
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA512Digest());
    g.init(new HKDFParameters(ikm, salt.length == 0 ? null : salt, info));
    byte[] out = new byte[length];
    g.generateBytes(out, 0, length);
    return out;
  }

  public static byte[] sha512(byte[] salt, byte[] ikm, String info, int length) {
    return sha512(salt, ikm, info.getBytes(StandardCharsets.US_ASCII), length);
  }
}
