package io.parley.protocol.transport;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.VersionRange;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/**
 * The relay's first session message (docs/protocol.md section 4.3): its version range, a fresh
 * session id and X25519 session key, signed by the online certificate's key so the client knows
 * the TLS endpoint chose them. Arrays are shared, not copied. {@link #toString()} prints no ids.
 */
public record RelayHello(VersionRange versions, byte[] sessionId, byte[] relaySessionKey,
    byte[] signature) {
  /** Domain separation prefix of the signed bytes. */
  public static final String SIGNATURE_CONTEXT = "parley-relay-hello-v1";

  /** Builds a hello signed with the relay's online key. */
  public static RelayHello create(VersionRange versions, byte[] sessionId,
      byte[] relaySessionKey, RelayIdentity identity) {
    byte[] sig = identity.signWithOnlineKey(signedBytes(versions, sessionId, relaySessionKey));
    return new RelayHello(versions, sessionId, relaySessionKey, sig);
  }

  /** The section 4.3 layout, unpadded. */
  public byte[] encode() {
    Encoder e = new Encoder(128);
    body(e, versions, sessionId, relaySessionKey);
    e.shortBytes(signature);
    return e.toByteArray();
  }

  /** Decodes a hello message (not a padded block); trailing bytes are ignored. */
  public static RelayHello decode(byte[] bytes) throws CodecException {
    Decoder d = new Decoder(bytes);
    int min = d.u16();
    int max = d.u16();
    if (min < 1 || max < min) {
      throw new CodecException("bad version range " + min + ".." + max, 0);
    }
    byte[] sessionId = d.shortBytes(ProtocolLimits.SESSION_ID_BYTES, "session id");
    byte[] key = d.shortBytes(ProtocolLimits.X25519_KEY_BYTES, "relay session key");
    byte[] sig = d.shortBytes();
    return new RelayHello(new VersionRange(min, max), sessionId, key, sig);
  }

  /** True if the signature verifies with the Ed25519 key of the given online certificate. */
  public boolean verify(X509Certificate onlineCertificate) {
    byte[] publicKey = Certificates.ed25519PublicKey(onlineCertificate);
    if (publicKey == null || sessionId.length != ProtocolLimits.SESSION_ID_BYTES
        || relaySessionKey.length != ProtocolLimits.X25519_KEY_BYTES) {
      return false;
    }
    return Ed25519.verify(publicKey, signedBytes(versions, sessionId, relaySessionKey), signature);
  }

  private static byte[] signedBytes(VersionRange v, byte[] sessionId, byte[] key) {
    Encoder e = new Encoder(128);
    e.raw(SIGNATURE_CONTEXT.getBytes(StandardCharsets.US_ASCII));
    body(e, v, sessionId, key);
    return e.toByteArray();
  }

  private static void body(Encoder e, VersionRange v, byte[] sessionId, byte[] key) {
    e.u16(v.min()).u16(v.max()).shortBytes(sessionId).shortBytes(key);
  }

  @Override
  public String toString() {
    return "RelayHello[versions=" + versions.min() + ".." + versions.max() + "]";
  }
}
