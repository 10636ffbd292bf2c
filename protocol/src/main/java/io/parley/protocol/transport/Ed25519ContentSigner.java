package io.parley.protocol.transport;

import io.parley.protocol.crypto.Ed25519;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * Lets bcpkix certificate builders sign with a raw Ed25519 key through the lightweight API, so
 * no JCA provider has to be registered. One instance signs one certificate; not thread-safe.
 */
final class Ed25519ContentSigner implements ContentSigner {
  static final AlgorithmIdentifier ALGORITHM =
      new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

  private final byte[] privateKey;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  Ed25519ContentSigner(byte[] privateKey) {
    this.privateKey = privateKey;
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return ALGORITHM;
  }

  @Override
  public OutputStream getOutputStream() {
    return buffer;
  }

  @Override
  public byte[] getSignature() {
    return Ed25519.sign(privateKey, buffer.toByteArray());
  }
}
