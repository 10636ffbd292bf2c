package io.parley.agent.internal.store;

/**
 * One row of {@code ratchet_changes}: a connection's re-key or resync under way, or its second
 * ratchet. Every byte array is secret or identifies the connection; {@link #toString()} shows
 * none. Byte arrays are not copied: treat them as read-only.
 *
 * @param linkKeys own X3DH private keys of an open re-key link made here, or null
 * @param linkSecret that link's secret, or null
 * @param linkHandle that link's connection handle, or null
 * @param otherRatchet a receive-only second ratchet, or null
 * @param otherIsNext true: the new ratchet, promoted when a message decrypts under it; false:
 *     the old one, dropped when a message decrypts under the connection's ratchet
 * @param syncKeys own X3DH private keys of a resync asked for here, or null
 * @param resyncCode the code of a resync finished here as the inviter, announced when the
 *     peer's ratchet-ready arrives; or null
 * @param lastPeerSync SHA-256 of the peer's last resync keys, or null
 * @param lastOpenedLink SHA-256 of the last re-key link opened here, or null
 */
public record RatchetChangeRow(String connectionId, byte[] linkKeys, byte[] linkSecret,
    byte[] linkHandle, byte[] otherRatchet, boolean otherIsNext, byte[] syncKeys,
    String resyncCode, byte[] lastPeerSync, byte[] lastOpenedLink) {

  /** A row with nothing under way. */
  public static RatchetChangeRow empty(String connectionId) {
    return new RatchetChangeRow(connectionId, null, null, null, null, false, null, null, null,
        null);
  }

  public RatchetChangeRow withLink(byte[] keys, byte[] secret, byte[] handle) {
    return new RatchetChangeRow(connectionId, keys, secret, handle, otherRatchet, otherIsNext,
        syncKeys, resyncCode, lastPeerSync, lastOpenedLink);
  }

  public RatchetChangeRow withOther(byte[] ratchet, boolean isNext) {
    return new RatchetChangeRow(connectionId, linkKeys, linkSecret, linkHandle, ratchet,
        ratchet != null && isNext, syncKeys, resyncCode, lastPeerSync, lastOpenedLink);
  }

  public RatchetChangeRow withSync(byte[] keys) {
    return new RatchetChangeRow(connectionId, linkKeys, linkSecret, linkHandle, otherRatchet,
        otherIsNext, keys, resyncCode, lastPeerSync, lastOpenedLink);
  }

  public RatchetChangeRow withResyncCode(String code) {
    return new RatchetChangeRow(connectionId, linkKeys, linkSecret, linkHandle, otherRatchet,
        otherIsNext, syncKeys, code, lastPeerSync, lastOpenedLink);
  }

  public RatchetChangeRow withLastPeerSync(byte[] hash) {
    return new RatchetChangeRow(connectionId, linkKeys, linkSecret, linkHandle, otherRatchet,
        otherIsNext, syncKeys, resyncCode, hash, lastOpenedLink);
  }

  public RatchetChangeRow withLastOpenedLink(byte[] hash) {
    return new RatchetChangeRow(connectionId, linkKeys, linkSecret, linkHandle, otherRatchet,
        otherIsNext, syncKeys, resyncCode, lastPeerSync, hash);
  }

  @Override
  public String toString() {
    return "RatchetChangeRow[connectionId=" + connectionId + ", link=" + (linkKeys != null)
        + ", other=" + (otherRatchet != null) + ", otherIsNext=" + otherIsNext
        + ", sync=" + (syncKeys != null) + "]";
  }
}
