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
import io.parley.protocol.agent.AgentLimits;
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
import java.util.ArrayList;
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
    long now = ctx.now();
    List<SndQueueRow> snd = new ArrayList<>();
    for (QueueUri target : link.queues()) {
      try {
        RelayAddress.parse(target.relay());
      } catch (InvalidRelayAddressException e) {
        return CompletableFuture.failedFuture(new AgentException(
            AgentException.Reason.BAD_LINK, "the link's relay address is bad"));
      }
      X25519.KeyPair sndE2e = X25519.generate();
      try {
        // A key that gives no usable secret is refused before anything is stored.
        E2eEnvelope.sharedKey(sndE2e.privateKey(), target.e2eDhKey());
      } catch (CryptoException e) {
        return CompletableFuture.failedFuture(new AgentException(
            AgentException.Reason.BAD_LINK, "the link's queue key is unusable"));
      }
      // Fresh keys per queue: the relays of two queues cannot link them by a shared key.
      snd.add(new SndQueueRow(0, null, target.relay(), target.senderId(),
          X25519.generate().privateKey(), sndE2e.privateKey(), target.e2eDhKey(),
          SndQueueStatus.NEW, now, now));
    }
    RatchetPublicKeys inviter = new RatchetPublicKeys(link.ratchetKey1(), link.ratchetKey2());
    X3dhKeyPairs own = X3dhKeyPairs.generate();
    ConnectionRow base = ConnectionRow.create(profileId, ConnectionStatus.JOINING,
        ConnectionRole.JOINER, viaContact, now);
    ConnectionRow row = new ConnectionRow(base.id(), alias, base.status(), base.role(),
        viaContact, null, own.encode(), PeerKeys.encode(inviter,
            ctx.postQuantum() ? link.kemKey() : null),
        SecurityCode.compute(own.publicKeys(), inviter), null, 0, null, 0, null, now, now,
        profileId, null);
    List<SndQueueRow> rows = snd.stream().map(q -> new SndQueueRow(0, row.id(), q.relay(),
        q.senderId(), q.sndAuthKey(), q.e2eKey(), q.e2ePeerKey(), q.status(), now, now))
        .toList();
    return ctx.store().write(tx -> {
      tx.connections().insert(row);
      List<SndQueueRow> stored = new ArrayList<>();
      for (SndQueueRow q : rows) {
        stored.add(RowEdit.withId(q, tx.queues().insertSnd(q)));
      }
      return stored;
    }).handle((stored, e) -> {
      if (e != null) {
        throw Failures.wrap(e);
      }
      try {
        ConnectionState s = new ConnectionState(row);
        s.setSndQueues(stored);
        ctx.connections().put(s);
        return s;
      } catch (RatchetException ex) {
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
            && (s.rcvQueues().isEmpty() || s.sndQueues().isEmpty()
                || s.sndQueues().get(0).status() == SndQueueStatus.NEW);
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

  /**
   * Step 1: SKEY on the inviter's first queue (a repeat with the same key is OK). The link's
   * other queues are secured by their delivery workers before the confirmation goes to them:
   * the join needs one of the inviter's relays, not all.
   */
  private CompletableFuture<Void> secure(ConnectionState s) {
    List<SndQueueRow> all = s.sndQueues();
    SndQueueRow q = all.isEmpty() ? null : all.get(0);
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
        s.putSnd(secured);
        return ctx.store().write(tx -> {
          tx.queues().setSndStatus(q.id(), SndQueueStatus.SECURED);
          return null;
        });
      }
    });
  }

  /**
   * Step 2: this side's queues (one per relay chosen for redundancy), the ratchet and the
   * confirmation naming them all, in one unit.
   */
  private CompletableFuture<Void> createQueue(ConnectionState s) {
    if (!s.rcvQueues().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return NewQueue.createAll(ctx, ctx.relaysForNewConnection(), QueueMode.MESSAGING)
        .thenCompose(qs -> {
          synchronized (s) {
            if (s.gone() || !s.rcvQueues().isEmpty()) {
              return CompletableFuture.completedFuture(null);
            }
            long now = ctx.now();
            Ratchet ratchet;
            byte[] payload;
            try {
              X3dhKeyPairs own = X3dhKeyPairs.decode(s.row().ownX3dh());
              PeerKeys inviter = PeerKeys.decode(s.row().peerRatchetKeys());
              byte[] kemCiphertext = null;
              if (inviter.kemKey() != null) {
                Ratchet.JoinerStart start =
                    Ratchet.initJoinerPq(own, inviter.x3dh(), inviter.kemKey());
                ratchet = start.ratchet();
                kemCiphertext = start.kemCiphertext();
              } else {
                ratchet = Ratchet.initJoiner(own, inviter.x3dh());
              }
              // Announced even when answering classically, so a stripped offer is caught.
              int announced = ctx.postQuantum()
                  ? AgentLimits.PQ_AGENT_VERSION : AgentLimits.AGENT_VERSION;
              payload = Sealing.confirmationEnvelope(ratchet, own.publicKeys(), kemCiphertext,
                  new ConnInfo(qs.stream().map(q -> q.uri().announcing(announced)).toList(),
                      ctx.profiles().handshakeText(s.row().profileId())));
            } catch (RatchetException e) {
              return CompletableFuture.failedFuture(new AgentException(
                  AgentException.Reason.BAD_LINK, "the invitation's keys are unusable", e));
            }
            s.setRatchet(ratchet);
            byte[] serialized = ratchet.serialize();
            List<RcvQueueRow> rcv = qs.stream().map(q -> q.row(s.id(), RcvQueueStatus.NEW, now))
                .toList();
            OutMessageRow conf =
                ctx.outbox().controlRow(s.id(), OutItem.CONFIRMATION_SEQ, payload);
            String id = s.id();
            return ctx.store().write(tx -> {
              List<RcvQueueRow> stored = new ArrayList<>();
              for (RcvQueueRow r : rcv) {
                stored.add(RowEdit.withId(r, tx.queues().insertRcv(r)));
              }
              tx.connections().setRatchet(id, serialized);
              tx.outbox().insert(conf);
              return stored;
            }).thenAccept(stored -> {
              synchronized (s) {
                try {
                  for (RcvQueueRow r : stored) {
                    s.putRcv(r);
                  }
                } catch (CryptoException e) {
                  return;
                }
              }
              for (RcvQueueRow r : stored) {
                ctx.connections().indexQueue(r, new Connections.ConnectionQueue(id));
              }
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
   * The inviter's confirmation arrived on one of this side's queues: the handshake is complete.
   * A copy of it arriving later on another queue only gives that queue its sender's key. Caller
   * holds {@code s}'s monitor. Returns the unit's future, or null to drop a repeat.
   */
  public CompletableFuture<?> onConfirmationLocked(ConnectionState s, RcvQueueRow q,
      Envelope.Confirmation c, byte[] relayMsgId) {
    if (s.ratchet() == null || q.e2ePeerKey() != null) {
      return null; // a resend of the confirmation already handled
    }
    if (c.joinerKeys() != null) {
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId,
          Unusable.CONFIRMATION_UNEXPECTED);
    }
    if (s.status() != ConnectionStatus.JOINING) {
      return Invitations.confirmCopyLocked(ctx, s, q, c, relayMsgId);
    }
    ConnInfo info;
    try {
      info = ConnInfo.decode(s.ratchet().decrypt(c.encConnInfo()));
    } catch (RatchetException | AgentFormatException e) {
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId,
          Unusable.CONFIRMATION_UNDECRYPTABLE);
    }
    long now = ctx.now();
    RcvQueueRow rcv = RowEdit.confirmed(q, c.senderE2eKey(), now);
    try {
      s.putRcv(rcv);
    } catch (CryptoException e) {
      return null;
    }
    s.setLastRelayMsgId(rcv.id(), relayMsgId);
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
