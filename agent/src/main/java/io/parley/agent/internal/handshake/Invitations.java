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
import io.parley.agent.internal.state.Connections;
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
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.ratchet.RatchetPublicKeys;
import io.parley.protocol.ratchet.SecurityCode;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.time.Clock;
import java.util.ArrayList;
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

  /**
   * Creates receive queues (one per relay chosen for redundancy) and an invitation naming all
   * of them; the connection waits as pending.
   */
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
    X3dhKeyPairs x3dh = X3dhKeyPairs.generate(ctx.postQuantum(), SecureRandoms.get());
    return NewQueue.createAll(ctx, ctx.relaysForNewConnection(), QueueMode.MESSAGING)
        .exceptionally(e -> {
          throw Failures.wrap(e);
        })
        .thenCompose(qs -> store(profileId, qs, x3dh, alias, address));
  }

  private CompletableFuture<NewInvitation> store(String profileId, List<NewQueue> qs,
      X3dhKeyPairs x3dh, String alias, ConnectionLink address) {
    long now = ctx.now();
    RatchetPublicKeys pub = x3dh.publicKeys();
    String link = new ConnectionLink(ConnectionLink.Kind.INVITATION,
        qs.stream().map(NewQueue::uri).toList(), pub.key1(), pub.key2(), x3dh.kemPublicKey())
        .encode();
    ConnectionRow base = ConnectionRow.create(profileId, ConnectionStatus.PENDING,
        ConnectionRole.INVITER, address != null, now);
    ConnectionRow row = new ConnectionRow(base.id(), alias, base.status(), base.role(),
        base.viaContactAddress(), null, x3dh.encode(), null, null, link, 0, null, 0, null, now,
        now, profileId, null);
    List<RcvQueueRow> rcv = qs.stream().map(q -> q.row(row.id(), RcvQueueStatus.NEW, now))
        .toList();
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
      long[] ids = new long[rcv.size() + 1];
      for (int i = 0; i < rcv.size(); i++) {
        ids[i + 1] = tx.queues().insertRcv(rcv.get(i));
      }
      if (sndRow != null) {
        ids[0] = tx.queues().insertSnd(sndRow);
        tx.outbox().insert(requestRow);
      }
      return ids;
    }).handle((ids, e) -> {
      if (e != null) {
        throw Failures.wrap(e);
      }
      try {
        ConnectionState s = new ConnectionState(row);
        for (int i = 0; i < rcv.size(); i++) {
          s.putRcv(RowEdit.withId(rcv.get(i), ids[i + 1]));
        }
        if (sndRow != null) {
          s.putSnd(RowEdit.withId(sndRow, ids[0]));
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
   * The joiner's confirmation arrived on one of the invitation's queues: set up the ratchet and
   * the send queues (one per reply queue the joiner named), and queue this side's confirmation,
   * which goes to each of them. A copy of the confirmation arriving later on another of the
   * invitation's queues only gives that queue its sender's key ({@link #confirmCopyLocked}).
   * Caller holds {@code s}'s monitor. Returns the unit's future, or null when the
   * confirmation is dropped (a repeat, or keys that do not match: someone tampered with the
   * link).
   */
  public CompletableFuture<?> onConfirmationLocked(ConnectionState s, RcvQueueRow q,
      Envelope.Confirmation c, byte[] relayMsgId) {
    ConnectionRow row = s.row();
    if (s.ratchet() != null) {
      return confirmCopyLocked(ctx, s, q, c, relayMsgId);
    }
    if (row.ownX3dh() == null) {
      return null; // a resend of the confirmation already handled
    }
    if (c.joinerKeys() == null) {
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId,
          Unusable.CONFIRMATION_UNEXPECTED);
    }
    Ratchet ratchet;
    X3dhKeyPairs offered;
    try {
      offered = X3dhKeyPairs.decode(row.ownX3dh());
    } catch (RatchetException e) {
      return unusableLocked(s, q, relayMsgId);
    }
    if (c.pq() && offered.kemPublicKey() == null) {
      // A version 2 answer to a link that offered no KEM key: nothing to decapsulate with.
      return unusableLocked(s, q, relayMsgId);
    }
    ConnInfo info;
    X3dhKeyPairs own;
    List<QueueUri> replies;
    try {
      own = offered;
      ratchet = c.pq()
          ? Ratchet.initInviterPq(own, c.joinerKeys(), c.kemCiphertext())
          : Ratchet.initInviter(own, c.joinerKeys());
      info = ConnInfo.decode(ratchet.decrypt(c.encConnInfo()));
      if (!c.pq() && own.kemPublicKey() != null && Downgrade.announcesPq(info)) {
        // The joiner speaks version 2 yet answered an offer of it classically: the KEM key
        // was stripped from the link on its way (docs/agent-protocol.md section 8.4).
        return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.DOWNGRADE);
      }
      replies = usableReplyQueues(info);
      if (replies.isEmpty()) {
        return unusableLocked(s, q, relayMsgId);
      }
    } catch (RatchetException | AgentFormatException e) {
      // Keys other than the link's (someone substituted them) end here: no ratchet opens it.
      return unusableLocked(s, q, relayMsgId);
    }
    long now = ctx.now();
    List<SndQueueRow> snd = new ArrayList<>();
    for (QueueUri reply : replies) {
      // Fresh keys per queue: the relays of two queues cannot link them by a shared key.
      snd.add(new SndQueueRow(0, row.id(), reply.relay(), reply.senderId(),
          X25519.generate().privateKey(), X25519.generate().privateKey(), reply.e2eDhKey(),
          SndQueueStatus.NEW, now, now));
    }
    byte[] payload;
    try {
      payload = Sealing.confirmationEnvelope(ratchet, null,
          new ConnInfo(List.of(), ctx.profiles().handshakeText(row.profileId())));
    } catch (RatchetException e) {
      return unusableLocked(s, q, relayMsgId);
    }
    String code = SecurityCode.compute(own.publicKeys(), c.joinerKeys());
    s.setRatchet(ratchet);
    ConnectionRow updated = RowEdit.of(s).ownX3dh(null).invitation(null)
        .peerKeys(c.joinerKeys().encode()).securityCode(code)
        .alias(row.alias() != null ? row.alias() : Profiles.aliasOf(info.profile()))
        .peerProfile(info.profile())
        .build(now);
    s.setRow(updated);
    RcvQueueRow rcv = RowEdit.confirmed(q, c.senderE2eKey(), now);
    List<SndQueueRow> old = s.sndQueues();
    try {
      s.putRcv(rcv);
    } catch (CryptoException e) {
      return null;
    }
    s.setLastRelayMsgId(rcv.id(), relayMsgId);
    OutMessageRow conf = ctx.outbox().controlRow(row.id(), OutItem.CONFIRMATION_SEQ, payload);
    return ctx.store().write(tx -> {
      tx.connections().update(updated);
      tx.queues().confirmRcv(rcv.id(), c.senderE2eKey());
      tx.queues().setLastRelayMsgId(rcv.id(), relayMsgId);
      for (SndQueueRow o : old) {
        tx.queues().deleteSnd(o.id());
      }
      List<SndQueueRow> stored = new ArrayList<>();
      for (SndQueueRow r : snd) {
        stored.add(RowEdit.withId(r, tx.queues().insertSnd(r)));
      }
      tx.outbox().insert(conf);
      return stored;
    }).thenAcceptAsync(stored -> {
      synchronized (s) {
        s.setSndQueues(stored);
      }
      ctx.deliveries().enqueue(row.id(), OutItem.of(conf));
    }, ctx.executor());
  }

  private CompletableFuture<?> unusableLocked(ConnectionState s, RcvQueueRow q,
      byte[] relayMsgId) {
    return UnusableMessages.reportLocked(ctx, s, q, relayMsgId,
        Unusable.CONFIRMATION_UNDECRYPTABLE);
  }

  /**
   * The reply queues of a confirmation this side can send to: messaging queues on relays whose
   * address parses, at most {@link ConnectionLink#MAX_QUEUES}.
   */
  static List<QueueUri> usableReplyQueues(ConnInfo info) {
    List<QueueUri> out = new ArrayList<>();
    for (QueueUri u : info.replyQueues()) {
      try {
        RelayAddress.parse(u.relay());
      } catch (InvalidRelayAddressException e) {
        continue;
      }
      if (u.mode() == QueueMode.MESSAGING && out.size() < ConnectionLink.MAX_QUEUES) {
        out.add(u);
      }
    }
    return out;
  }

  /**
   * A copy of the peer's confirmation on a second receive queue of an established ratchet: it
   * brings that queue's sender key. It is taken only if its ratchet part is a copy of what this
   * side decrypted already (the ratchet reports {@code DUPLICATE}): anything else was not made
   * by the peer, and is reported as a {@code connection.error}. Caller holds the monitor;
   * returns the unit, or null to drop a repeat.
   */
  static CompletableFuture<?> confirmCopyLocked(AgentContext ctx, ConnectionState s,
      RcvQueueRow q, Envelope.Confirmation c, byte[] relayMsgId) {
    if (q.e2ePeerKey() != null || c.senderE2eKey() == null) {
      return null;
    }
    try {
      s.ratchet().decrypt(c.encConnInfo());
      // It decrypted: a confirmation this side never had, so not a copy. Since decrypting
      // advanced nothing stored, the in-memory ratchet is reloaded from the store.
      Connections.reload(ctx.store(), s);
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId,
          Unusable.CONFIRMATION_UNEXPECTED);
    } catch (RatchetException e) {
      if (e.reason() != RatchetException.Reason.DUPLICATE) {
        return UnusableMessages.reportLocked(ctx, s, q, relayMsgId,
            Unusable.CONFIRMATION_UNDECRYPTABLE);
      }
    }
    long now = ctx.now();
    RcvQueueRow rcv = RowEdit.confirmed(q, c.senderE2eKey(), now);
    try {
      s.putRcv(rcv);
    } catch (CryptoException e) {
      return null;
    }
    s.setLastRelayMsgId(rcv.id(), relayMsgId);
    return ctx.store().write(tx -> {
      tx.queues().confirmRcv(rcv.id(), c.senderE2eKey());
      tx.queues().setLastRelayMsgId(rcv.id(), relayMsgId);
      return null;
    });
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
