package io.parley.protocol.transport;

import io.parley.protocol.VersionRange;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.transport.HandshakeException.Reason;

/** Relay side of the session handshake, without I/O: checks a client hello block. Stateless. */
public final class ServerHandshake {
  private ServerHandshake() {}

  /**
   * Accepts a client hello block naming this relay's key hash and a version it speaks.
   *
   * @return the agreed version
   * @throws HandshakeException MALFORMED, IDENTITY or VERSION; the relay closes the connection
   */
  public static int accept(byte[] clientHelloBlock, byte[] ownKeyHash, VersionRange supported)
      throws HandshakeException {
    ClientHello hello;
    try {
      hello = ClientHello.decode(HandshakeBlocks.unwrap(clientHelloBlock));
    } catch (CodecException e) {
      throw new HandshakeException(Reason.MALFORMED, "client hello is malformed", e);
    }
    if (!Hashes.constantTimeEquals(hello.keyHash(), ownKeyHash)) {
      throw new HandshakeException(Reason.IDENTITY, "client expects another relay identity");
    }
    if (!supported.contains(hello.version())) {
      throw new HandshakeException(Reason.VERSION, "client chose version " + hello.version()
          + ", relay speaks " + supported.min() + ".." + supported.max());
    }
    return hello.version();
  }

  /** Builds the relay hello block for a new connection. */
  public static byte[] helloBlock(RelayHello hello) {
    return HandshakeBlocks.wrap(hello.encode());
  }
}
