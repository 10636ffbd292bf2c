package io.parley.agent.internal.store;

/**
 * One row of {@code connections}. Byte arrays are not copied: treat them as read-only.
 * {@link #toString()} leaves out every key, hash, code and link.
 *
 * @param ratchet serialized double-ratchet state (secret), or null before X3DH completes
 * @param ownX3dh own X3DH private keys (secret), null once the handshake completed
 * @param peerRatchetKeys the peer's X3DH public keys, or null before they are known
 * @param invitation link of a pending invitation, or null
 * @param sndLastMsgId agent message id of the last message encrypted for sending, 0 for none
 * @param rcvLastMsgId agent message id of the last message received in sequence, 0 for none
 * @param createdAt UNIT: epoch milliseconds
 * @param updatedAt UNIT: epoch milliseconds
 * @param profileId the profile (of this agent) the connection belongs to
 * @param peerProfile what the peer sent about itself in the handshake (untrusted), or null
 */
public record ConnectionRow(
    String id,
    String alias,
    ConnectionStatus status,
    ConnectionRole role,
    boolean viaContactAddress,
    byte[] ratchet,
    byte[] ownX3dh,
    byte[] peerRatchetKeys,
    String securityCode,
    String invitation,
    long sndLastMsgId,
    byte[] sndLastHash,
    long rcvLastMsgId,
    byte[] rcvLastHash,
    long createdAt,
    long updatedAt,
    String profileId,
    String peerProfile) {

  /** A new connection with a fresh id, no keys yet and empty integrity chains. */
  public static ConnectionRow create(String profileId,
      ConnectionStatus status, ConnectionRole role, boolean viaContactAddress, long now) {
    return new ConnectionRow(StoreIds.newId(), null, status, role, viaContactAddress,
        null, null, null, null, null, 0, null, 0, null, now, now, profileId, null);
  }

  public ConnectionRow withAlias(String newAlias) {
    return new ConnectionRow(id, newAlias, status, role, viaContactAddress, ratchet, ownX3dh,
        peerRatchetKeys, securityCode, invitation, sndLastMsgId, sndLastHash, rcvLastMsgId,
        rcvLastHash, createdAt, updatedAt, profileId, peerProfile);
  }

  public ConnectionRow withStatus(ConnectionStatus newStatus) {
    return new ConnectionRow(id, alias, newStatus, role, viaContactAddress, ratchet, ownX3dh,
        peerRatchetKeys, securityCode, invitation, sndLastMsgId, sndLastHash, rcvLastMsgId,
        rcvLastHash, createdAt, updatedAt, profileId, peerProfile);
  }

  public ConnectionRow withInvitation(String link) {
    return new ConnectionRow(id, alias, status, role, viaContactAddress, ratchet, ownX3dh,
        peerRatchetKeys, securityCode, link, sndLastMsgId, sndLastHash, rcvLastMsgId,
        rcvLastHash, createdAt, updatedAt, profileId, peerProfile);
  }

  /** The handshake material: own X3DH private keys and/or the peer's public ones. */
  public ConnectionRow withX3dh(byte[] ownKeys, byte[] peerKeys) {
    return new ConnectionRow(id, alias, status, role, viaContactAddress, ratchet, ownKeys,
        peerKeys, securityCode, invitation, sndLastMsgId, sndLastHash, rcvLastMsgId,
        rcvLastHash, createdAt, updatedAt, profileId, peerProfile);
  }

  /**
   * The state after X3DH: the initial ratchet and the security code; the own X3DH private keys
   * and the invitation link are dropped because nothing needs them any more.
   */
  public ConnectionRow withHandshakeDone(byte[] initialRatchet, String code) {
    return new ConnectionRow(id, alias, status, role, viaContactAddress, initialRatchet, null,
        peerRatchetKeys, code, null, sndLastMsgId, sndLastHash, rcvLastMsgId, rcvLastHash,
        createdAt, updatedAt, profileId, peerProfile);
  }

  /**
   * The row as a state holding the deserialized ratchet keeps it in memory: without the
   * serialized ratchet (the state writes its object back, see RowEdit) and, once established,
   * without the peer's ratchet keys, which only a join still under way reads (an update that
   * leaves them null keeps the stored ones, see ConnectionStore#update). Kept, the two were
   * close to half of an idle post-quantum connection's memory.
   */
  public ConnectionRow forMemory() {
    byte[] peerKeys = status == ConnectionStatus.ESTABLISHED ? null : peerRatchetKeys;
    return new ConnectionRow(id, alias, status, role, viaContactAddress, null, ownX3dh,
        peerKeys, securityCode, invitation, sndLastMsgId, sndLastHash, rcvLastMsgId,
        rcvLastHash, createdAt, updatedAt, profileId, peerProfile);
  }

  @Override
  public String toString() {
    return "ConnectionRow[id=" + id + ", status=" + status + ", role=" + role
        + ", viaContactAddress=" + viaContactAddress + ", hasRatchet=" + (ratchet != null)
        + ", sndLastMsgId=" + sndLastMsgId + ", rcvLastMsgId=" + rcvLastMsgId + "]";
  }
}
