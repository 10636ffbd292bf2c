package io.parley.agent.internal.rekey;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.e2e.Decrypted;
import io.parley.agent.internal.e2e.Envelope;
import io.parley.agent.internal.e2e.Unusable;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.handshake.UnusableMessages;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.runtime.RowEdit;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.RatchetChangeRow;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.StoreTransaction;
import io.parley.protocol.agent.AgentEnvelope;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.ratchet.RatchetPublicKeys;
import io.parley.protocol.ratchet.SecurityCode;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Ratchet desync detection and resync (docs/agent-protocol.md section 10). A run of
 * {@value #DESYNC_FAILURES_IN_A_ROW} messages that do not decrypt (or one that finds the stored
 * ratchet unusable or too far behind) is reported as {@code connection.ratchet_desync}. A
 * resync sends fresh X3DH public keys outside the ratchet; the peer answers with its own, and
 * each side starts a new ratchet from both, the side whose keys sort first as the joiner (it
 * sends a ratchet-ready at once). A post-quantum connection stays post-quantum: the request
 * also carries a fresh ML-KEM-768 public key and the joiner's answer the ciphertext to it, so
 * when both asked at once the joiner answers too and the inviter waits for that answer. The
 * connection's queues and history stay; messages under the old ratchets are lost to it.
 * Thread-safe: every change runs under the connection's monitor.
 */
public final class RatchetSyncs {
  /** Messages in a row that fail to decrypt before a desync is reported. */
  public static final int DESYNC_FAILURES_IN_A_ROW = 2;
  private static final System.Logger LOG = System.getLogger(RatchetSyncs.class.getName());

  private final AgentContext ctx;

  public RatchetSyncs(AgentContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Counts a message that did not decrypt; returns whether this one completes a run that is
   * to be reported as a desync. Caller holds the monitor.
   */
  public static boolean failedLocked(ConnectionState s, Decrypted.Failure failure) {
    int n = s.failedInARow() + 1;
    s.setFailedInARow(n);
    boolean stateBroken = failure == Decrypted.Failure.BAD_STATE
        || failure == Decrypted.Failure.TOO_MANY_SKIPPED;
    // Once per run: at the threshold, or at once for a state that cannot recover by itself.
    return n == DESYNC_FAILURES_IN_A_ROW || (stateBroken && n == 1);
  }

  /** The data of a {@code connection.ratchet_desync} event. */
  public static Map<String, Object> desyncData(ConnectionState s, Decrypted.Failure failure) {
    LOG.log(Level.WARNING, "a connection's ratchets disagree: " + failure.label());
    return Map.of("reason", failure.label(), "failures", s.failedInARow());
  }

  /**
   * The peer's first message under the new ratchet arrived: if this side finished a resync as
   * the inviter, it can send now, so the resync is announced. Caller holds the monitor; returns
   * the part of the receiving unit, or null.
   */
  public static StoreTransaction<Void> readyLocked(ConnectionState s) {
    RatchetChangeRow c = s.change();
    if (c == null || c.resyncCode() == null) {
      return null;
    }
    RatchetChangeRow next = c.withResyncCode(null);
    Rekeys.setChange(s, next);
    String id = s.id();
    String code = c.resyncCode();
    return tx -> {
      tx.ratchetChanges().put(next);
      EventLog.append(tx, AgentEvent.CONNECTION_RATCHET_RESYNCED, id,
          Map.of("securityCode", code));
      return null;
    };
  }

  /** Whether a resync this side asked for is under way (its sends would be lost). */
  public static boolean resyncPendingLocked(ConnectionState s) {
    RatchetChangeRow c = s.change();
    return c != null && (c.syncKeys() != null || c.resyncCode() != null);
  }

  /**
   * Asks the peer for a resync: queues this side's fresh public keys outside the ratchet.
   * Completes once stored.
   *
   * @throws AgentException NOT_ESTABLISHED, STORE_UNAVAILABLE
   */
  public CompletableFuture<Void> start(ConnectionState s) throws AgentException {
    synchronized (s) {
      Rekeys.requireUsable(s);
      X3dhKeyPairs own = X3dhKeyPairs.generate(s.ratchet().pq(), SecureRandoms.get());
      byte[] pub = own.publicKeys().encode();
      byte[] kemKey = own.kemPublicKey();
      RatchetChangeRow c = Rekeys.base(s).withSync(own.encode());
      OutMessageRow request = ctx.outbox().envelopeRowLocked(s,
          seq -> new AgentEnvelope.RatchetSync(false, pub, seq, kemKey).encode());
      Rekeys.setChange(s, c);
      String id = s.id();
      long seq = s.sndLastId();
      byte[] hash = s.sndLastHash();
      byte[] ratchet = s.ratchet().serialize();
      CompletableFuture<Void> unit = ctx.store().write(s.fence(), tx -> {
        tx.outbox().insert(request);
        tx.connections().advanceSending(id, seq, hash, ratchet);
        tx.ratchetChanges().put(c);
        return null;
      });
      ctx.deliveries().afterCommit(id, OutItem.of(request), unit);
      return unit.handle((v, e) -> {
        if (e != null) {
          Connections.resync(ctx.store(), s);
          throw Failures.wrap(e);
        }
        return null;
      });
    }
  }

  /**
   * The peer's resync keys arrived on {@code q}. Caller holds the monitor; returns the unit to
   * wait for before the ACK, or null to drop a replay.
   */
  public CompletableFuture<?> onKeysLocked(ConnectionState s, RcvQueueRow q,
      Envelope.RatchetSync env, byte[] relayMsgId) {
    if (!s.established() || s.ratchet() == null) {
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.RESYNC_UNEXPECTED);
    }
    RatchetPublicKeys peer;
    try {
      peer = RatchetPublicKeys.decode(env.ratchetKeys());
    } catch (RatchetException e) {
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.ENVELOPE_MALFORMED);
    }
    boolean pq = s.ratchet().pq();
    if (pq != (env.kem() != null)) {
      // The kind of ratchet was agreed at the handshake; a resync does not change it.
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.DOWNGRADE);
    }
    if (pq && env.kem().length
        != (env.answer() ? MlKem.CIPHERTEXT_BYTES : MlKem.PUBLIC_KEY_BYTES)) {
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.ENVELOPE_MALFORMED);
    }
    RatchetChangeRow c = Rekeys.base(s);
    byte[] peerHash = Hashes.sha256(env.ratchetKeys());
    if (c.lastPeerSync() != null && Arrays.equals(c.lastPeerSync(), peerHash)) {
      return null; // a replay of keys already used
    }
    X3dhKeyPairs own;
    boolean answer = false;
    try {
      if (c.syncKeys() != null) {
        own = X3dhKeyPairs.decode(c.syncKeys());
      } else if (env.answer()) {
        return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.RESYNC_UNEXPECTED);
      } else {
        own = X3dhKeyPairs.generate();
        answer = true;
      }
      byte[] ownPub = own.publicKeys().encode();
      // The answering side is the joiner: it can encrypt at once, and its ratchet-ready follows
      // the answer on the same queue, so the asking side waits the shortest time. When both
      // asked at once, the side whose keys sort first is the joiner.
      boolean joiner = answer
          || (!env.answer() && Arrays.compareUnsigned(ownPub, env.ratchetKeys()) < 0);
      byte[] received = new AgentEnvelope.RatchetSync(env.answer(), env.ratchetKeys(),
          env.msgId(), env.kem()).encode();
      if (pq && !joiner && !env.answer()) {
        // Both asked at once and this side is the inviter: the KEM ciphertext comes in the
        // joiner's answer. Keys and replay mark stay, so that answer is taken then.
        return waitForAnswerLocked(s, q, env.msgId(), Hashes.sha256(received), relayMsgId);
      }
      Ratchet fresh;
      byte[] kemCiphertext = null;
      if (!pq) {
        fresh = joiner ? Ratchet.initJoiner(own, peer) : Ratchet.initInviter(own, peer);
      } else if (joiner) {
        Ratchet.JoinerStart start = Ratchet.initJoinerPq(own, peer, env.kem());
        fresh = start.ratchet();
        kemCiphertext = start.kemCiphertext();
      } else {
        fresh = Ratchet.initInviterPq(own, peer, env.kem());
      }
      String code = SecurityCode.compute(own.publicKeys(), peer);
      s.advanceReceiving(env.msgId(), Hashes.sha256(received));
      List<OutMessageRow> out = new ArrayList<>();
      if (answer || kemCiphertext != null) {
        byte[] ct = kemCiphertext;
        out.add(ctx.outbox().envelopeRowLocked(s,
            seq -> new AgentEnvelope.RatchetSync(true, ownPub, seq, ct).encode()));
      }
      Ratchet old = s.ratchet();
      s.setRatchet(fresh);
      if (joiner) {
        try {
          out.add(ctx.outbox().protocolRowLocked(s, new AgentMessage.RatchetReady()));
        } catch (AgentException e) {
          s.setRatchet(old);
          throw new RatchetException(RatchetException.Reason.BAD_STATE, "cannot encrypt", e);
        }
      }
      // An inviter cannot send before the peer's ratchet-ready: it announces the resync then.
      RatchetChangeRow next = c.withSync(null).withOther(null, false).withLink(null, null, null)
          .withLastPeerSync(peerHash).withResyncCode(joiner ? null : code);
      s.setChange(next);
      s.setFailedInARow(0);
      ConnectionRow row = RowEdit.of(s).securityCode(code).peerKeys(env.ratchetKeys())
          .build(ctx.now());
      s.setRow(row);
      s.setLastRelayMsgId(q.id(), relayMsgId);
      String id = s.id();
      CompletableFuture<Void> unit = ctx.store().write(s.fence(), tx -> {
        for (OutMessageRow r : out) {
          tx.outbox().insert(r);
        }
        tx.connections().update(row);
        tx.ratchetChanges().put(next);
        tx.queues().setLastRelayMsgId(q.id(), relayMsgId);
        if (joiner) {
          EventLog.append(tx, AgentEvent.CONNECTION_RATCHET_RESYNCED, id,
              Map.of("securityCode", code));
        }
        return null;
      });
      for (OutMessageRow r : out) {
        ctx.deliveries().afterCommit(id, OutItem.of(r), unit);
      }
      return unit;
    } catch (RatchetException e) {
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.ENVELOPE_MALFORMED);
    }
  }

  /** Takes a resync request in sequence and stores that, changing nothing else. */
  private CompletableFuture<?> waitForAnswerLocked(ConnectionState s, RcvQueueRow q, long msgId,
      byte[] hash, byte[] relayMsgId) {
    s.advanceReceiving(msgId, hash);
    ConnectionRow row = RowEdit.of(s).build(ctx.now());
    s.setRow(row);
    s.setLastRelayMsgId(q.id(), relayMsgId);
    return ctx.store().write(s.fence(), tx -> {
      tx.connections().update(row);
      tx.queues().setLastRelayMsgId(q.id(), relayMsgId);
      return null;
    });
  }
}
