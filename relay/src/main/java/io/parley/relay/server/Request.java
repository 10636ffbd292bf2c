package io.parley.relay.server;

import io.parley.protocol.Transmission;
import java.nio.ByteBuffer;

/**
 * One received transmission, parsed in place: its three header fields as copies and, while the
 * block is being dispatched, a view of its authorized bytes in the received frame (everything
 * after the authorization field). Responses only need {@link #corrId()} and
 * {@link #entityId()}, so a request may outlive its frame once authorized.
 *
 * <p>Confined to the connection's event loop.
 */
final class Request {
  private static final byte[] EMPTY = new byte[0];

  private final byte[] authorization;
  private final byte[] corrId;
  private final byte[] entityId;
  private final ByteBuffer[] signedParts;

  /** @param signedParts the authorized bytes in order; several when the block spans reads */
  Request(byte[] authorization, byte[] corrId, byte[] entityId, ByteBuffer... signedParts) {
    this.authorization = authorization;
    this.corrId = corrId;
    this.entityId = entityId;
    this.signedParts = signedParts;
  }

  /** Stands in for a transmission whose header did not decode: its error carries no ids. */
  static Request undecodable() {
    return new Request(EMPTY, EMPTY, EMPTY);
  }

  byte[] authorization() {
    return authorization;
  }

  byte[] corrId() {
    return corrId;
  }

  byte[] entityId() {
    return entityId;
  }

  boolean hasAuthorization() {
    return authorization.length > 0;
  }

  /**
   * {@code short(corrId) ‖ short(entityId) ‖ command} as received: the authorized bytes of
   * docs/protocol.md section 3 without their session id prefix, as consecutive pieces. Valid
   * only during dispatch; each call returns fresh views.
   */
  ByteBuffer[] signedParts() {
    ByteBuffer[] views = new ByteBuffer[signedParts.length];
    for (int i = 0; i < views.length; i++) {
      views[i] = signedParts[i].duplicate();
    }
    return views;
  }

  /** The header as a protocol transmission (empty command), for the credential rules. */
  Transmission header() {
    return new Transmission(authorization, corrId, entityId, EMPTY);
  }
}
