package io.parley.agent.internal.handshake;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.e2e.Envelope;
import io.parley.agent.internal.e2e.Sealing;
import io.parley.agent.internal.e2e.Unusable;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.runtime.NewQueue;
import io.parley.agent.internal.runtime.RowEdit;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.delivery.Deliveries;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.store.ConnectionRole;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvQueueStatus;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.SndQueueStatus;
import io.parley.agent.internal.store.StoreTransaction;
import io.parley.agent.model.NewInvitation;
import io.parley.protocol.agent.AgentFormatException;
import io.parley.protocol.agent.ConnInfo;
import io.parley.protocol.agent.ConnectionLink;
import io.parley.protocol.agent.E2eEnvelope;
import io.parley.protocol.agent.QueueUri;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.ratchet.RatchetPublicKeys;
import io.parley.protocol.ratchet.SecurityCode;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The inviter's side of the handshake (docs/agent.md 1.2): creating an invitation, answering
 * the joiner's confirmation with its own, and becoming established once the relay accepted it.
 * Also the requester's side of a contact address (1.3), which is an invitation delivered by a
 * contact request instead of out of band. Thread-safe.
 */
public final class Invitations {
  private final AgentContext ctx;

  public Invitations(AgentContext ctx) {
    this.ctx = ctx;
  }

  /** Creates a queue and an invitation to it; the connection waits as pending. */
  public CompletableFuture<NewInvitation> create(String profileId, String alias) {
    return createConnection(profileId, alias, null);
  }

  /**
   * Asks the owner of a contact address to connect: a fresh invitation, sent to the address in
   * a contact request. Completes with the new (pending) connection's id once both are stored;
   * the request itself goes out through the outbox.
   */
  public CompletableFuture<String> request(String profileId, ConnectionLink address,
      String alias) {
    return createConnection(profileId, alias, address).thenApply(NewInvitation::connectionId);
  }

  private CompletableFuture<NewInvitation> createConnection(String profileId, String alias,
      ConnectionLink address) {
    X3dhKeyPairs x3dh = X3dhKeyPairs.generate();
    return NewQueue.create(ctx, ctx.nextRelay(), QueueMode.MESSAGING)
        .exceptionally(e -> {
          throw Failures.wrap(e);
        })
        .thenCompose(q -> store(profileId, q, x3dh, alias, address));
  }

  private CompletableFuture<NewInvitation> store(String profileId, NewQueue q,
      X3dhKeyPairs x3dh, String alias, ConnectionLink address) {
    long now = ctx.now();
    RatchetPublicKeys pub = x3dh.publicKeys();
    String link = new ConnectionLink(ConnectionLink.Kind.INVITATION, List.of(q.uri()),
        pub.key1(), pub.key2()).encode();
    ConnectionRow base = ConnectionRow.create(profileId, ConnectionStatus.PENDING,
        ConnectionRole.INVITER, address != null, now);
    ConnectionRow row = new ConnectionRow(base.id(), alias, base.status(), base.role(),
        base.viaContactAddress(), null, x3dh.encode(), null, null, link, 0, null, 0, null, now,
        now, profileId, null);
    RcvQueueRow rcv = q.row(row.id(), RcvQueueStatus.NEW, now);
    SndQueueRow snd = null;
    OutMessageRow request = null;
    if (address != null) {
      QueueUri target = address.queues().get(0);
      X25519.KeyPair oneTime = X25519.generate();
      byte[] shared;
      try {
        shared = E2eEnvelope.sharedKey(oneTime.privateKey(), target.e2eDhKey());
      } catch (CryptoException e) {
        return CompletableFuture.failedFuture(new AgentException(
            AgentException.Reason.BAD_LINK, "the address's key is unusable"));
      }
      byte[] payload = Sealing.contactRequest(shared, oneTime.publicKey(), link,
          ctx.profiles().handshakeText(profileId));
      // The address queue is never secured: ACTIVE marks a send queue that takes unsigned SENDs.
      snd = new SndQueueRow(0, row.id(), target.relay(), target.senderId(),
          X25519.generate().privateKey(), oneTime.privateKey(), target.e2eDhKey(),
          SndQueueStatus.ACTIVE, now, now);
      request = ctx.outbox().controlRow(row.id(), OutItem.CONTACT_REQUEST_SEQ, payload);
    }
    SndQueueRow sndRow = snd;
    OutMessageRow requestRow = request;
    return ctx.store().write(tx -> {
      tx.connections().insert(row);
      long rcvId = tx.queues().insertRcv(rcv);
      long sndId = 0;
      if (sndRow != null) {
        sndId = tx.queues().insertSnd(sndRow);
        tx.outbox().insert(requestRow);
      }
      return new long[] {rcvId, sndId};
    }).handle((ids, e) -> {
      if (e != null) {
        throw Failures.wrap(e);
      }
      try {
        ConnectionState s = new ConnectionState(row);
        s.setRcv(RowEdit.withId(rcv, ids[0]));
        if (sndRow != null) {
          s.setSnd(RowEdit.withId(sndRow, ids[1]));
        }
        ctx.connections().put(s);
      } catch (RatchetException | CryptoException ex) {
        throw Failures.wrap(ex);
      }
      if (requestRow != null) {
        ctx.deliveries().enqueue(row.id(), OutItem.of(requestRow));
      }
      return new NewInvitation(row.id(), link);
    });
  }

  /**
   * The joiner's confirmation arrived on the invitation's queue: set up the ratchet and the
   * send queue, and queue this side's confirmation. Caller holds {@code s}'s monitor. Returns
   * the unit's future, or null when the confirmation is dropped (a repeat, or keys that do not
   * match: someone tampered with the link).
   */
  public CompletableFuture<?> onConfirmationLocked(ConnectionState s, Envelope.Confirmation c,
      byte[] relayMsgId) {
    ConnectionRow row = s.row();
    if (s.ratchet() != null || row.ownX3dh() == null) {
      return null; // a resend of the confirmation already handled
    }
    if (c.joinerKeys() == null) {
      return UnusableMessages.reportLocked(ctx, s, s.rcv(), relayMsgId,
          Unusable.CONFIRMATION_UNEXPECTED);
    }
    Ratchet ratchet;
    ConnInfo info;
    X3dhKeyPairs own;
    QueueUri reply;
    try {
      own = X3dhKeyPairs.decode(row.ownX3dh());
      ratchet = Ratchet.initInviter(own, c.joinerKeys());
      info = ConnInfo.decode(ratchet.decrypt(c.encConnInfo()));
      reply = info.replyQueues().isEmpty() ? null : info.replyQueues().get(0);
      if (reply == null || reply.mode() != QueueMode.MESSAGING) {
        return unusableLocked(s, relayMsgId);
      }
      RelayAddress.parse(reply.relay());
    } catch (RatchetException | AgentFormatException | InvalidRelayAddressException e) {
      // Keys other than the link's (someone substituted them) end here: no ratchet opens it.
      return unusableLocked(s, relayMsgId);
    }
    long now = ctx.now();
    X25519.KeyPair sndAuth = X25519.generate();
    X25519.KeyPair sndE2e = X25519.generate();
    SndQueueRow snd = new SndQueueRow(0, row.id(), reply.relay(), reply.senderId(),
        sndAuth.privateKey(), sndE2e.privateKey(), reply.e2eDhKey(), SndQueueStatus.NEW, now,
        now);
    byte[] payload;
    try {
      byte[] shared = E2eEnvelope.sharedKey(sndE2e.privateKey(), reply.e2eDhKey());
      payload = Sealing.confirmation(ratchet, shared, sndE2e.publicKey(), null,
          new ConnInfo(List.of(), ctx.profiles().handshakeText(row.profileId())));
    } catch (CryptoException | RatchetException e) {
      return unusableLocked(s, relayMsgId); // the reply queue's e2e key is unusable
    }
    String code = SecurityCode.compute(own.publicKeys(), c.joinerKeys());
    s.setRatchet(ratchet);
    ConnectionRow updated = RowEdit.of(s).ownX3dh(null).invitation(null)
        .peerKeys(c.joinerKeys().encode()).securityCode(code)
        .alias(row.alias() != null ? row.alias() : Profiles.aliasOf(info.profile()))
        .peerProfile(info.profile())
        .build(now);
    s.setRow(updated);
    RcvQueueRow rcv = RowEdit.confirmed(s.rcv(), c.senderE2eKey(), now);
    SndQueueRow old = s.snd();
    try {
      s.setRcv(rcv);
    } catch (CryptoException e) {
      return null;
    }
    OutMessageRow conf = ctx.outbox().controlRow(row.id(), OutItem.CONFIRMATION_SEQ, payload);
    return ctx.store().write(tx -> {
      tx.connections().update(updated);
      tx.queues().confirmRcv(rcv.id(), c.senderE2eKey());
      tx.queues().setLastRelayMsgId(rcv.id(), relayMsgId);
      if (old != null) {
        tx.queues().deleteSnd(old.id());
      }
      long sndId = tx.queues().insertSnd(snd);
      tx.outbox().insert(conf);
      return sndId;
    }).thenAcceptAsync(sndId -> {
      synchronized (s) {
        try {
          s.setSnd(RowEdit.withId(snd, sndId));
        } catch (CryptoException e) {
          return;
        }
      }
      ctx.deliveries().enqueue(row.id(), OutItem.of(conf));
    }, ctx.executor());
  }

  private CompletableFuture<?> unusableLocked(ConnectionState s, byte[] relayMsgId) {
    return UnusableMessages.reportLocked(ctx, s, s.rcv(), relayMsgId,
        Unusable.CONFIRMATION_UNDECRYPTABLE);
  }

  /**
   * Marks an inviter's connection established (its confirmation was accepted, or the peer's
   * first message arrived). Caller holds the monitor; returns the unit's part, or null if there
   * is nothing to do.
   */
  public StoreTransaction<Void> establishLocked(ConnectionState s) {
    return establishLocked(s, ctx.now());
  }

  /**
   * What delivery does when the relay accepts a control message: the inviter's confirmation
   * establishes its connection. Needs no {@code Invitations}, so delivery can be built first.
   */
  public static Deliveries.AcceptHook confirmationAccepted(Clock clock) {
    return (s, item) -> item.agentMsgId() == OutItem.CONFIRMATION_SEQ
        ? establishLocked(s, clock.millis()) : null;
  }

  private static StoreTransaction<Void> establishLocked(ConnectionState s, long now) {
    ConnectionRow row = s.row();
    if (row.role() != ConnectionRole.INVITER || row.status() != ConnectionStatus.PENDING
        || s.ratchet() == null) {
      return null;
    }
    s.setRow(RowEdit.of(s).status(ConnectionStatus.ESTABLISHED).build(now));
    return establishedEvent(s);
  }

  /** The status change and {@code connection.established} event, for a unit. */
  static StoreTransaction<Void> establishedEvent(ConnectionState s) {
    String id = s.id();
    Map<String, Object> data = new HashMap<>();
    data.put("securityCode", s.row().securityCode());
    if (s.row().alias() != null) {
      data.put("alias", s.row().alias());
    }
    return tx -> {
      tx.connections().setStatus(id, ConnectionStatus.ESTABLISHED);
      EventLog.append(tx, AgentEvent.CONNECTION_ESTABLISHED, id, data);
      return null;
    };
  }
}
