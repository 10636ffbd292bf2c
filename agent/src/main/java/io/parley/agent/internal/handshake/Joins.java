package io.parley.agent.internal.handshake;

import io.parley.agent.error.AgentException;
import io.parley.agent.internal.e2e.Envelope;
import io.parley.agent.internal.e2e.Sealing;
import io.parley.agent.internal.e2e.Unusable;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.runtime.NewQueue;
import io.parley.agent.internal.runtime.RowEdit;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.delivery.Outbox;
import io.parley.agent.internal.store.ConnectionRole;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvQueueStatus;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.SndQueueStatus;
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
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The joiner's side of the handshake (docs/agent.md 1.2). Joining first stores every generated
 * key, then runs idempotent steps, each recorded when done: secure the inviter's queue
 * ({@code SKEY}), create this side's queue and queue the confirmation (the outbox sends it). A
 * restart or a transient failure resumes the steps instead of burning the link. Thread-safe.
 */
public final class Joins {
  private static final System.Logger LOG = System.getLogger(Joins.class.getName());
  private static final String RETRY_GROUP = "join";

  private final AgentContext ctx;
  private final WelcomeText welcome;
  /** Connections whose steps are running now, so a resume never runs them twice at once. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /** @param welcome the contact address's welcome text, sent on connections accepted from it */
  public Joins(AgentContext ctx, WelcomeText welcome) {
    this.ctx = ctx;
    this.welcome = welcome;
  }

  /**
   * Joins an invitation. Completes with the connection id once the confirmation is queued, or
   * once a first attempt failed in a way a retry may fix (the steps then resume in the
   * background). Fails, leaving nothing behind, if the link is bad, the relay is not who the
   * link says, or the invitation was already used.
   */
  public CompletableFuture<String> join(String profileId, ConnectionLink link, String alias,
      boolean viaContact) {
    QueueUri target = link.queues().get(0);
    try {
      RelayAddress.parse(target.relay());
    } catch (InvalidRelayAddressException e) {
      return CompletableFuture.failedFuture(
          new AgentException(AgentException.Reason.BAD_LINK, "the link's relay address is bad"));
    }
    RatchetPublicKeys inviter = new RatchetPublicKeys(link.ratchetKey1(), link.ratchetKey2());
    X25519.KeyPair sndE2e = X25519.generate();
    try {
      // A key that gives no usable secret is refused before anything is stored.
      E2eEnvelope.sharedKey(sndE2e.privateKey(), target.e2eDhKey());
    } catch (CryptoException e) {
      return CompletableFuture.failedFuture(
          new AgentException(AgentException.Reason.BAD_LINK, "the link's queue key is unusable"));
    }
    X3dhKeyPairs own = X3dhKeyPairs.generate();
    long now = ctx.now();
    ConnectionRow base = ConnectionRow.create(profileId, ConnectionStatus.JOINING,
        ConnectionRole.JOINER, viaContact, now);
    ConnectionRow row = new ConnectionRow(base.id(), alias, base.status(), base.role(),
        viaContact, null, own.encode(), inviter.encode(),
        SecurityCode.compute(own.publicKeys(), inviter), null, 0, null, 0, null, now, now,
        profileId, null);
    SndQueueRow snd = new SndQueueRow(0, row.id(), target.relay(), target.senderId(),
        X25519.generate().privateKey(), sndE2e.privateKey(), target.e2eDhKey(),
        SndQueueStatus.NEW, now, now);
    return ctx.store().write(tx -> {
      tx.connections().insert(row);
      return tx.queues().insertSnd(snd);
    }).handle((sndId, e) -> {
      if (e != null) {
        throw Failures.wrap(e);
      }
      try {
        ConnectionState s = new ConnectionState(row);
        s.setSnd(RowEdit.withId(snd, sndId));
        ctx.connections().put(s);
        return s;
      } catch (RatchetException | CryptoException ex) {
        throw Failures.wrap(ex);
      }
    }).thenCompose(s -> runSteps(s).handle((v, e) -> {
      if (e == null) {
        return CompletableFuture.completedFuture(s.id());
      }
      AgentException a = Failures.toAgent(e);
      if (Failures.transientFailure(a)) {
        scheduleResume(s.id(), 1);
        return CompletableFuture.completedFuture(s.id());
      }
      return forget(s).thenCompose(x -> CompletableFuture.<String>failedFuture(a));
    })).thenCompose(f -> f);
  }

  /** Resumes the steps of every connection stopped half-way (at start, and by the sweep). */
  public void resumeAll() {
    for (ConnectionState s : ctx.connections().all()) {
      boolean unfinished;
      synchronized (s) {
        unfinished = s.status() == ConnectionStatus.JOINING && !s.gone()
            && (s.rcv() == null || s.snd() == null || s.snd().status() == SndQueueStatus.NEW);
      }
      if (unfinished) {
        resume(s.id(), 1);
      }
    }
  }

  private void resume(String id, int attempt) {
    ctx.connections().get(id).ifPresent(s -> runSteps(s).whenComplete((v, e) -> {
      if (e != null) {
        AgentException a = Failures.toAgent(e);
        LOG.log(Level.INFO, "join step failed: " + a.getMessage());
        if (Failures.transientFailure(a)) {
          scheduleResume(id, attempt + 1);
        }
      }
    }));
  }

  private void scheduleResume(String id, int attempt) {
    long delay = ctx.retries().delayMillis(attempt);
    ctx.timers().once(RETRY_GROUP, id, delay, () -> resume(id, attempt));
  }

  private CompletableFuture<Void> runSteps(ConnectionState s) {
    if (!running.add(s.id())) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = secure(s).thenCompose(v -> createQueue(s));
    f.whenComplete((v, e) -> running.remove(s.id()));
    return f;
  }

  /** Step 1: SKEY on the inviter's queue (a repeat with the same key is OK). */
  private CompletableFuture<Void> secure(ConnectionState s) {
    SndQueueRow q = s.snd();
    if (q == null || q.status() != SndQueueStatus.NEW) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> sent;
    try {
      sent = ctx.pool().client(RelayAddress.parse(q.relay())).secureBySender(q.senderId(),
          q.sndAuthKey(), X25519.publicKeyOf(q.sndAuthKey()));
    } catch (InvalidRelayAddressException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return sent.thenCompose(v -> {
      SndQueueRow secured;
      synchronized (s) {
        secured = new SndQueueRow(q.id(), q.connectionId(), q.relay(), q.senderId(),
            q.sndAuthKey(), q.e2eKey(), q.e2ePeerKey(), SndQueueStatus.SECURED, q.createdAt(),
            ctx.now());
        try {
          s.setSnd(secured);
        } catch (CryptoException e) {
          return CompletableFuture.failedFuture(e);
        }
        return ctx.store().write(tx -> {
          tx.queues().setSndStatus(q.id(), SndQueueStatus.SECURED);
          return null;
        });
      }
    });
  }

  /** Step 2: this side's queue, the ratchet and the confirmation, in one unit. */
  private CompletableFuture<Void> createQueue(ConnectionState s) {
    if (s.rcv() != null) {
      return CompletableFuture.completedFuture(null);
    }
    return NewQueue.create(ctx, ctx.nextRelay(), QueueMode.MESSAGING).thenCompose(q -> {
      synchronized (s) {
        if (s.gone() || s.rcv() != null) {
          return CompletableFuture.completedFuture(null);
        }
        long now = ctx.now();
        Ratchet ratchet;
        byte[] payload;
        try {
          X3dhKeyPairs own = X3dhKeyPairs.decode(s.row().ownX3dh());
          RatchetPublicKeys inviter = RatchetPublicKeys.decode(s.row().peerRatchetKeys());
          ratchet = Ratchet.initJoiner(own, inviter);
          payload = Sealing.confirmation(ratchet, s.sndSharedKey(),
              X25519.publicKeyOf(s.snd().e2eKey()), own.publicKeys(),
              new ConnInfo(List.of(q.uri()),
                  ctx.profiles().handshakeText(s.row().profileId())));
        } catch (RatchetException e) {
          return CompletableFuture.failedFuture(new AgentException(
              AgentException.Reason.BAD_LINK, "the invitation's keys are unusable", e));
        }
        s.setRatchet(ratchet);
        byte[] serialized = ratchet.serialize();
        RcvQueueRow rcv = q.row(s.id(), RcvQueueStatus.NEW, now);
        OutMessageRow conf = ctx.outbox().controlRow(s.id(), OutItem.CONFIRMATION_SEQ, payload);
        String id = s.id();
        return ctx.store().write(tx -> {
          long rcvId = tx.queues().insertRcv(rcv);
          tx.connections().setRatchet(id, serialized);
          tx.outbox().insert(conf);
          return rcvId;
        }).thenAccept(rcvId -> {
          RcvQueueRow stored = RowEdit.withId(rcv, rcvId);
          synchronized (s) {
            try {
              s.setRcv(stored);
            } catch (CryptoException e) {
              return;
            }
          }
          ctx.connections().indexQueue(stored, new Connections.ConnectionQueue(id));
          ctx.deliveries().enqueue(id, OutItem.of(conf));
        });
      }
    });
  }

  /** Removes a join that failed for good: nothing of it stays. */
  private CompletableFuture<Void> forget(ConnectionState s) {
    synchronized (s) {
      s.markGone();
    }
    ctx.connections().remove(s.id());
    ctx.deliveries().stop(s.id());
    return ctx.store().write(tx -> {
      tx.connections().delete(s.id());
      return null;
    }).handle((v, e) -> null);
  }

  /**
   * The inviter's confirmation arrived on this side's queue: the handshake is complete. Caller
   * holds {@code s}'s monitor. Returns the unit's future, or null to drop a repeat.
   */
  public CompletableFuture<?> onConfirmationLocked(ConnectionState s, Envelope.Confirmation c,
      byte[] relayMsgId) {
    if (s.status() != ConnectionStatus.JOINING || s.rcvSharedKey() != null
        || s.ratchet() == null) {
      return null; // a resend of the confirmation already handled
    }
    if (c.joinerKeys() != null) {
      return UnusableMessages.reportLocked(ctx, s, s.rcv(), relayMsgId,
          Unusable.CONFIRMATION_UNEXPECTED);
    }
    ConnInfo info;
    try {
      info = ConnInfo.decode(s.ratchet().decrypt(c.encConnInfo()));
    } catch (RatchetException | AgentFormatException e) {
      return UnusableMessages.reportLocked(ctx, s, s.rcv(), relayMsgId,
          Unusable.CONFIRMATION_UNDECRYPTABLE);
    }
    long now = ctx.now();
    RcvQueueRow rcv = RowEdit.confirmed(s.rcv(), c.senderE2eKey(), now);
    try {
      s.setRcv(rcv);
    } catch (CryptoException e) {
      return null;
    }
    String alias = s.row().alias() != null ? s.row().alias() : Profiles.aliasOf(info.profile());
    s.setRow(RowEdit.of(s).status(ConnectionStatus.ESTABLISHED).ownX3dh(null).alias(alias)
        .peerProfile(info.profile()).build(now));
    OutMessageRow greeting = null;
    String text = s.row().viaContactAddress() ? welcome.get(s.row().profileId()) : null;
    if (text != null) {
      try {
        greeting = ctx.outbox().textRowLocked(s, text);
      } catch (AgentException e) {
        LOG.log(Level.INFO, "welcome message not sent: " + e.getMessage());
      }
    }
    ConnectionRow updated = RowEdit.of(s).build(now);
    s.setRow(updated);
    byte[] ratchet = s.ratchet().serialize();
    var established = Invitations.establishedEvent(s);
    OutMessageRow welcomeRow = greeting;
    String id = s.id();
    CompletableFuture<Void> unit = ctx.store().write(tx -> {
      tx.connections().update(updated);
      tx.queues().confirmRcv(rcv.id(), c.senderE2eKey());
      tx.queues().setLastRelayMsgId(rcv.id(), relayMsgId);
      established.run(tx);
      if (welcomeRow != null) {
        Outbox.insertText(tx, welcomeRow, ratchet);
      }
      return null;
    });
    return welcomeRow == null ? unit
        : ctx.deliveries().afterCommit(id, OutItem.of(welcomeRow), unit);
  }
}
