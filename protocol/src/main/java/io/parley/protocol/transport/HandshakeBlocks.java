package io.parley.protocol.transport;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Padding;

/** Wraps a handshake message in one padded block and back. Stateless. */
final class HandshakeBlocks {
  private HandshakeBlocks() {}

  static byte[] wrap(byte[] message) {
    return Padding.pad(message, ProtocolLimits.BLOCK_BYTES);
  }

  static byte[] unwrap(byte[] block) throws HandshakeException {
    if (block == null || block.length != ProtocolLimits.BLOCK_BYTES) {
      throw new HandshakeException(HandshakeException.Reason.MALFORMED,
          "handshake block must be " + ProtocolLimits.BLOCK_BYTES + " bytes");
    }
    try {
      return Padding.unpad(block);
    } catch (CodecException e) {
      throw new HandshakeException(HandshakeException.Reason.MALFORMED,
          "handshake block padding is malformed", e);
    }
  }
}
