package io.parley.protocol;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;

/**
 * One command or response: authorization, correlation id, entity (queue) id and the encoded
 * command. The authorization covers {@link #authorizedBytes(byte[])}, which starts with the
 * session id, so a transmission captured on one connection does not verify on another.
 *
 * @param authorization empty, or an authenticator over {@link #authorizedBytes(byte[])}
 * @param corrId 24 random bytes in client commands; echoed in responses; empty in relay events
 * @param entityId recipient or sender queue id, or empty
 * @param command the encoded command or response ({@link io.parley.protocol.command.Commands})
 */
public record Transmission(byte[] authorization, byte[] corrId, byte[] entityId, byte[] command) {
  private static final byte[] EMPTY = new byte[0];

  public static Transmission event(byte[] entityId, byte[] command) {
    return new Transmission(EMPTY, EMPTY, entityId, command);
  }

  public byte[] encode() {
    return new Encoder(command.length + 96)
        .shortBytes(authorization)
        .shortBytes(corrId)
        .shortBytes(entityId)
        .raw(command)
        .toByteArray();
  }

  public static Transmission decode(byte[] bytes) throws CodecException {
    Decoder d = new Decoder(bytes);
    byte[] auth = d.shortBytes();
    byte[] corr = d.shortBytes();
    byte[] entity = d.shortBytes();
    return new Transmission(auth, corr, entity, d.tail());
  }

  /** The bytes an authenticator covers: session id, correlation id, entity id, command. */
  public byte[] authorizedBytes(byte[] sessionId) {
    return new Encoder(command.length + 96)
        .shortBytes(sessionId)
        .shortBytes(corrId)
        .shortBytes(entityId)
        .raw(command)
        .toByteArray();
  }

  public boolean hasAuthorization() {
    return authorization.length > 0;
  }
}
