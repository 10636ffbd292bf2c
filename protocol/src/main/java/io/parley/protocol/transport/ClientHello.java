package io.parley.protocol.transport;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;

/**
 * The client's session message (docs/protocol.md section 4.3): the chosen version and the key
 * hash it expects, so a relay can refuse a client that meant another identity. The array is
 * shared, not copied.
 */
public record ClientHello(int version, byte[] keyHash) {
  public byte[] encode() {
    return new Encoder(40).u16(version).shortBytes(keyHash).toByteArray();
  }

  /** Decodes a hello message (not a padded block); trailing bytes are ignored. */
  public static ClientHello decode(byte[] bytes) throws CodecException {
    Decoder d = new Decoder(bytes);
    int version = d.u16();
    byte[] keyHash = d.shortBytes(RelayAddress.KEY_HASH_BYTES, "key hash");
    return new ClientHello(version, keyHash);
  }

  @Override
  public String toString() {
    return "ClientHello[version=" + version + "]";
  }
}
