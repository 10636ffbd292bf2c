package io.parley.protocol.transport;

/**
 * What a completed session handshake yields: the agreed version, the relay's 32-byte session id
 * (bound into every authorized transmission) and its per-connection X25519 session public key
 * (for queue authorization keys). Arrays are shared, not copied: treat them as read-only.
 * {@link #toString()} prints no ids.
 */
public record SessionParams(int version, byte[] sessionId, byte[] relaySessionKey) {
  @Override
  public String toString() {
    return "SessionParams[version=" + version + "]";
  }
}
