package io.parley.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** JDK HMAC objects for this package's per-thread caches. */
final class Macs {
  private Macs() {}

  static Mac newMac(String algorithm) {
    try {
      return Mac.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }

  /** Keys {@code mac} with {@code key} and returns the MAC of {@code data}. */
  static byte[] mac(Mac mac, byte[] key, byte[]... data) {
    try {
      mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable HMAC key", e);
    }
    for (byte[] d : data) {
      mac.update(d);
    }
    return mac.doFinal();
  }
}
