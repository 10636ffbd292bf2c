package io.parley.agent.internal.runtime;

import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvQueueStatus;
import io.parley.agent.internal.store.SndQueueRow;

/**
 * Copies of store rows with some fields changed. For a connection the copy always carries the
 * integrity chains as they are in memory, so writing the whole row never moves them back. Not
 * thread-safe: build it under the connection's monitor and use it at once.
 */
public final class RowEdit {
  private final ConnectionRow base;
  private String alias;
  private ConnectionStatus status;
  private byte[] ratchet;
  private byte[] ownX3dh;
  private byte[] peerKeys;
  private String code;
  private String invitation;
  private String peerProfile;
  private final long sndLastId;
  private final byte[] sndLastHash;
  private final long rcvLastId;
  private final byte[] rcvLastHash;

  private RowEdit(ConnectionState s) {
    base = s.row();
    alias = base.alias();
    status = base.status();
    ratchet = s.ratchet() == null ? base.ratchet() : s.ratchet().serialize();
    ownX3dh = base.ownX3dh();
    peerKeys = base.peerRatchetKeys();
    code = base.securityCode();
    invitation = base.invitation();
    peerProfile = base.peerProfile();
    sndLastId = s.sndLastId();
    sndLastHash = s.sndLastHash().length == 0 ? null : s.sndLastHash();
    rcvLastId = s.rcvLastId();
    rcvLastHash = s.rcvLastHash().length == 0 ? null : s.rcvLastHash();
  }

  /** Starts from the state's row, chains and current ratchet. Caller holds the monitor. */
  public static RowEdit of(ConnectionState s) {
    return new RowEdit(s);
  }

  public RowEdit alias(String v) {
    alias = v;
    return this;
  }

  public RowEdit status(ConnectionStatus v) {
    status = v;
    return this;
  }

  public RowEdit ratchet(byte[] v) {
    ratchet = v;
    return this;
  }

  public RowEdit ownX3dh(byte[] v) {
    ownX3dh = v;
    return this;
  }

  public RowEdit peerKeys(byte[] v) {
    peerKeys = v;
    return this;
  }

  public RowEdit securityCode(String v) {
    code = v;
    return this;
  }

  public RowEdit invitation(String v) {
    invitation = v;
    return this;
  }

  /** What the peer sent about itself in the handshake. */
  public RowEdit peerProfile(String v) {
    peerProfile = v;
    return this;
  }

  public ConnectionRow build(long now) {
    return new ConnectionRow(base.id(), alias, status, base.role(), base.viaContactAddress(),
        ratchet, ownX3dh, peerKeys, code, invitation, sndLastId, sndLastHash, rcvLastId,
        rcvLastHash, base.createdAt(), now, base.profileId(), peerProfile);
  }

  /** A receive queue row with the sender's e2e key set and the queue confirmed. */
  public static RcvQueueRow confirmed(RcvQueueRow q, byte[] peerKey, long now) {
    return new RcvQueueRow(q.id(), q.connectionId(), q.relay(), q.recipientId(), q.senderId(),
        q.rcvAuthKey(), q.rcvDhKey(), q.deliveryKey(), q.e2eKey(), peerKey, q.mode(),
        RcvQueueStatus.CONFIRMED, q.lastRelayMsgId(), q.createdAt(), now);
  }

  /** A receive queue row with its assigned id. */
  public static RcvQueueRow withId(RcvQueueRow q, long id) {
    return new RcvQueueRow(id, q.connectionId(), q.relay(), q.recipientId(), q.senderId(),
        q.rcvAuthKey(), q.rcvDhKey(), q.deliveryKey(), q.e2eKey(), q.e2ePeerKey(), q.mode(),
        q.status(), q.lastRelayMsgId(), q.createdAt(), q.updatedAt());
  }

  /** A send queue row with its assigned id. */
  public static SndQueueRow withId(SndQueueRow q, long id) {
    return new SndQueueRow(id, q.connectionId(), q.relay(), q.senderId(), q.sndAuthKey(),
        q.e2eKey(), q.e2ePeerKey(), q.status(), q.createdAt(), q.updatedAt());
  }
}
