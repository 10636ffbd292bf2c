package io.parley.protocol.transport;

import io.parley.protocol.VersionRange;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.transport.HandshakeException.Reason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.OptionalInt;

/**
 * Client side of the session handshake, without I/O: checks the relay hello against the TLS peer
 * chain and the pinned key hash, picks the version and builds the client hello block. Stateless
 * and thread-safe.
 */
public final class ClientHandshake {
  /** The agreed session and the block to send back to the relay. */
  public record Result(SessionParams session, byte[] clientHelloBlock) {
    @Override
    public String toString() {
      return "ClientHandshake.Result[" + session + "]";
    }
  }

  private ClientHandshake() {}

  /**
   * Verifies the relay hello block and answers it.
   *
   * @param relayHelloBlock the first block read after TLS, 16384 bytes
   * @param peerChain the TLS peer chain, {@code [online, identity]}
   * @param keyHash the 32-byte key hash from the relay address
   * @param supported the versions this client speaks
   * @param clock whose time the certificates must be valid at
   * @throws HandshakeException MALFORMED, IDENTITY, BAD_SIGNATURE or VERSION
   */
  public static Result respond(byte[] relayHelloBlock, X509Certificate[] peerChain,
      byte[] keyHash, VersionRange supported, Clock clock) throws HandshakeException {
    RelayHello hello;
    try {
      hello = RelayHello.decode(HandshakeBlocks.unwrap(relayHelloBlock));
    } catch (CodecException e) {
      throw new HandshakeException(Reason.MALFORMED, "relay hello is malformed", e);
    }
    // The trust manager already checked the chain; checking again keeps this function safe to
    // call with any chain, for example from a transport with its own TLS stack.
    try {
      PinningTrustManager.check(peerChain, keyHash, Date.from(clock.instant()));
    } catch (RelayIdentityMismatchException e) {
      throw new HandshakeException(Reason.IDENTITY, RelayIdentityMismatchException.MESSAGE, e);
    }
    if (!hello.verify(peerChain[0])) {
      throw new HandshakeException(Reason.BAD_SIGNATURE,
          "relay hello signature does not verify with the relay's TLS certificate");
    }
    OptionalInt version = supported.negotiate(hello.versions());
    if (version.isEmpty()) {
      throw new HandshakeException(Reason.VERSION, "relay speaks versions "
          + hello.versions().min() + ".." + hello.versions().max() + ", client speaks "
          + supported.min() + ".." + supported.max());
    }
    byte[] block =
        HandshakeBlocks.wrap(new ClientHello(version.getAsInt(), keyHash.clone()).encode());
    SessionParams session =
        new SessionParams(version.getAsInt(), hello.sessionId(), hello.relaySessionKey());
    return new Result(session, block);
  }
}
