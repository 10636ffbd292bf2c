package io.parley.agent.internal.inbound;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.e2e.Decrypted;
import io.parley.agent.internal.e2e.Envelope;
import io.parley.agent.internal.e2e.Opening;
import io.parley.agent.internal.e2e.Sealing;
import io.parley.agent.internal.e2e.Unusable;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.handshake.Invitations;
import io.parley.agent.internal.handshake.Joins;
import io.parley.agent.internal.handshake.Rotations;
import io.parley.agent.internal.handshake.UnusableMessages;
import io.parley.agent.internal.rekey.RatchetSyncs;
import io.parley.agent.internal.rekey.Rekeys;
import io.parley.agent.internal.rekey.TwoRatchets;
import io.parley.agent.internal.store.RatchetChangeRow;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.RecentCopies;
import io.parley.agent.internal.delivery.Receipts;
import io.parley.agent.internal.store.ConnectionRole;
import io.parley.agent.internal.store.InMessageRow;
import io.parley.agent.internal.store.MsgIntegrity;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.StoreTransaction;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.agent.MsgIntegrity.Kind;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receives the messages of connection queues, store-then-ACK (docs/agent.md section 4): the
 * message, the advanced ratchet, the integrity chain and the event commit in one unit, and only
 * then is the message acknowledged. Repeats (a relay redelivery, a sender's retry) are
 * acknowledged without being stored again, once whatever stored them is durable. A message
 * whose unit fails is neither acknowledged nor counted in a receipt: the connection's units are
 * {@linkplain ConnectionState#fence fenced}, so nothing built on the failed one commits, the
 * copy in memory is reloaded, and {@link Redelivery} asks the relay for the message again.
 * Thread-safe: each message is handled under its connection's monitor, and the relay delivers
 * one message per queue at a time.
 *
 * <p>The ACK and the receipt that follow a commit run on the store's completion thread rather
 * than being handed to the agent's executor: posting the ACK to the event loop is all the
 * work, and a hop per message to do it cost more than the work. The monitor is free then (the
 * relay holds the queue's next message back until this ACK), and sealing a receipt happens at
 * most once per {@link io.parley.agent.internal.delivery.Outbox#RECEIPT_INTERVAL_MILLIS} per
 * connection.
 */
public final class Receiver {
  private static final System.Logger LOG = System.getLogger(Receiver.class.getName());
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final AgentContext ctx;
  private final Invitations invitations;
  private final Joins joins;
  private final Redelivery redelivery;
  private final Rotations rotations;
  private final Rekeys rekeys;
  private final RatchetSyncs syncs;
  /**
   * Most received messages waiting for the store before the relays are read no further. UNIT:
   * messages. No more than a {@link #STORE_QUEUE_SHARE}th of the store's write queue either,
   * leaving the rest to the receipts these messages cause (one per connection) and to sends.
   */
  static final int MAX_STORING_MESSAGES = 1_024;
  /** The part of the store's write queue received messages may fill: one in this many. */
  private static final int STORE_QUEUE_SHARE = 16;

  /**
   * Longest single wait for room before the count is looked at again; a unit's completion wakes
   * the wait earlier. UNIT: milliseconds.
   */
  private static final long ROOM_CHECK_MILLIS = 100;

  /** Received messages whose store unit is queued or running: the relays' read back-pressure. */
  private final AtomicInteger storing = new AtomicInteger();
  /** Signalled when {@link #storing} drops below its limit. */
  private final Object room = new Object();

  public Receiver(AgentContext ctx, Invitations invitations, Joins joins, Rotations rotations,
      Rekeys rekeys, RatchetSyncs syncs) {
    this.ctx = ctx;
    this.invitations = invitations;
    this.joins = joins;
    this.rotations = rotations;
    this.rekeys = rekeys;
    this.syncs = syncs;
    this.redelivery = new Redelivery(ctx);
  }

  /**
   * Whether too many received messages wait for the store. While so, the relay clients stop
   * reading ({@link io.parley.agent.internal.client.RelayClientListener#behind}): one message in
   * flight per queue still means as many units as queues, more than the store queues for a
   * notifier's thousands of subscribers, and a unit the store refuses sends the message back to
   * the relay to be delivered again.
   */
  public boolean behind() {
    // Received messages bring units of their own beyond their storing (receipts, queue and
    // handshake steps), so the store's queue itself is watched too: half full is behind.
    return storing.get() >= storingLimit()
        || ctx.store().queuedWrites() >= ctx.store().maxQueuedWrites() / 2;
  }

  private int storingLimit() {
    return Math.max(1, Math.min(MAX_STORING_MESSAGES,
        ctx.store().maxQueuedWrites() / STORE_QUEUE_SHARE));
  }

  /**
   * Waits while {@link #behind}: a relay client reads a burst before this sees any of it, so
   * pausing the reads alone still let every message already read become a unit. Blocking here
   * (the relay's event thread, never an event loop) makes its backlog grow, which pauses its
   * reading as well; units complete on the store's threads, so the wait always ends.
   */
  private void awaitRoom() {
    synchronized (room) {
      while (behind()) {
        try {
          room.wait(ROOM_CHECK_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void unitDone() {
    if (storing.decrementAndGet() < storingLimit()) {
      synchronized (room) {
        room.notifyAll();
      }
    }
  }

  /** Handles one message delivered on one of {@code s}'s receive queues. */
  public void onMessage(RelayAddress relay, byte[] recipientId, ConnectionState s,
      Response.Msg msg) {
    awaitRoom();
    CompletableFuture<?> stored;
    boolean fenced = true;
    RcvQueueRow q;
    synchronized (s) {
      q = s.rcvQueue(relay.toString(), recipientId);
      if (q == null) {
        return;
      }
      if (s.gone()) {
        stored = DONE;
      } else if (s.fence().broken()) {
        // Memory holds changes the store lost (a ratchet turned past an unstored message):
        // deciding anything from it could acknowledge that message. Leave it with the relay.
        stored = null;
      } else if (Arrays.equals(s.lastRelayMsgId(q.id()), msg.msgId())) {
        // Handled before and not acknowledged (the ACK or the connection was lost); its unit
        // may still be on its way to the disk.
        stored = s.fence().lastWrite();
      } else {
        Envelope env = Opening.open(q.deliveryKey(), q.e2eKey(), s.rcvSharedKey(q.id()), msg);
        fenced = !(env instanceof Envelope.Confirmation);
        CompletableFuture<?> unit = handleLocked(s, q, env, msg);
        if (unit != null) {
          storing.incrementAndGet();
          unit.whenComplete((v, e) -> unitDone());
        }
        // A repeat or a message dropped: acknowledged once what came before it is durable.
        stored = unit != null ? unit : s.fence().lastWrite();
      }
    }
    if (stored == null) {
      redelivery.notStored(relay, s, q, false);
      return;
    }
    boolean force = !fenced;
    stored.whenComplete((v, e) -> {
      if (e != null) {
        // Not acknowledged: the relay keeps it and holds the queue back until asked again.
        LOG.log(Level.ERROR, "a received message was not stored: " + e.getMessage());
        redelivery.notStored(relay, s, q, force);
        return;
      }
      redelivery.stored(s);
      ack(relay, q, msg);
      synchronized (s) {
        ctx.outbox().queueReceiptLocked(s);
      }
    });
  }

  /** Returns the unit to wait for before the ACK, or null if nothing was stored. */
  private CompletableFuture<?> handleLocked(ConnectionState s, RcvQueueRow q, Envelope env,
      Response.Msg msg) {
    if (env instanceof Envelope.Confirmation c) {
      return s.row().role() == ConnectionRole.INVITER
          ? invitations.onConfirmationLocked(s, q, c, msg.msgId())
          : joins.onConfirmationLocked(s, q, c, msg.msgId());
    }
    if (env instanceof Envelope.Message m) {
      return onAgentMessageLocked(s, q, m, msg.msgId());
    }
    if (env instanceof Envelope.RatchetSync r) {
      return syncs.onKeysLocked(s, q, r, msg.msgId());
    }
    if (env instanceof Envelope.QuotaMarker) {
      // The peer found the queue full and waits; a receipt (even for nothing new) tells it the
      // queue is drained, ending its back-off at once rather than at the next timer.
      s.setReceiptWanted(true);
      return null;
    }
    if (env instanceof Envelope.Rejected r) {
      return UnusableMessages.reportLocked(ctx, s, q, msg.msgId(), r.reason());
    }
    return null;
  }

  private CompletableFuture<?> onAgentMessageLocked(ConnectionState s, RcvQueueRow q,
      Envelope.Message m, byte[] relayMsgId) {
    if (s.ratchet() == null) {
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.BEFORE_CONFIRMATION);
    }
    if (m.version() != Sealing.agentVersion(s.ratchet().pq())) {
      // The envelope claims the other ratchet kind than the one agreed at the handshake.
      return UnusableMessages.reportLocked(ctx, s, q, relayMsgId, Unusable.DOWNGRADE);
    }
    RecentCopies copies = s.recentCopies();
    byte[] envelope = m.encAgentMessage();
    if (copies != null && copies.contains(envelope)) {
      // The same message came first over another of this connection's queues.
      return null;
    }
    // During a re-key a second ratchet may open it (TwoRatchets); its change row is then
    // stored with the message.
    TwoRatchets.Opened opened = TwoRatchets.openLocked(s, envelope);
    Decrypted d = opened.decrypted();
    RatchetChangeRow change = opened.changeTouched() ? s.change() : null;
    String id = s.id();
    if (d instanceof Decrypted.Duplicate) {
      return null;
    }
    if (d instanceof Decrypted.Failed f) {
      byte[] ratchet = s.ratchet().serialize();
      s.setLastRelayMsgId(q.id(), relayMsgId);
      Map<String, Object> desync = RatchetSyncs.failedLocked(s, f.failure())
          ? RatchetSyncs.desyncData(s, f.failure()) : null;
      return ctx.store().write(s.fence(), tx -> {
        tx.connections().setRatchet(id, ratchet);
        tx.queues().setLastRelayMsgId(q.id(), relayMsgId);
        EventLog.append(tx, AgentEvent.MESSAGE_ERROR, id,
            Map.of("reason", f.failure().label()));
        if (desync != null) {
          EventLog.append(tx, AgentEvent.CONNECTION_RATCHET_DESYNC, id, desync);
        }
        return null;
      });
    }
    s.setFailedInARow(0);
    Decrypted.Accepted a = (Decrypted.Accepted) d;
    AgentMessage message = a.message();
    boolean inSequence = a.integrity().kind() != Kind.BAD_ID;
    if (inSequence) {
      s.advanceReceiving(message.msgId(), a.hash());
    }
    long lastId = s.rcvLastId();
    byte[] lastHash = s.rcvLastHash();
    byte[] ratchet = s.ratchet().serialize();
    StoreTransaction<Void> established = invitations.establishLocked(s);
    long deliveredBefore = s.deliveredUpTo();
    Runnable[] afterCommit = new Runnable[1];
    StoreTransaction<Void> body = bodyLocked(s, a, afterCommit);
    long deliveredAfter = s.deliveredUpTo();
    s.setLastRelayMsgId(q.id(), relayMsgId);
    CompletableFuture<Void> unit = ctx.store().write(s.fence(), tx -> {
      tx.connections().advanceReceiving(id, lastId, lastHash, ratchet);
      tx.queues().setLastRelayMsgId(q.id(), relayMsgId);
      if (change != null) {
        tx.ratchetChanges().put(change);
      }
      if (established != null) {
        established.run(tx);
      }
      body.run(tx);
      return null;
    });
    if (afterCommit[0] != null) {
      unit.thenRunAsync(afterCommit[0], ctx.executor());
    }
    if (copies != null) {
      // Remembered only once durable: a unit that fails leaves the message with the relay,
      // whose redelivery must not be taken for a copy.
      unit.thenRun(() -> {
        synchronized (s) {
          copies.add(envelope);
        }
      });
    }
    if (deliveredAfter != deliveredBefore) {
      // The delivered mark is not part of the stored copy, so a reload keeps it: take it back
      // if the unit fails, or the receipt delivered again would mark nothing.
      unit.whenComplete((v, e) -> {
        if (e != null) {
          synchronized (s) {
            if (s.deliveredUpTo() == deliveredAfter) {
              s.setDeliveredUpTo(deliveredBefore);
            }
          }
        }
      });
    }
    return unit;
  }

  /** What storing the message's body takes: a text for the inbox, or a receipt's marks. */
  private StoreTransaction<Void> bodyLocked(ConnectionState s, Decrypted.Accepted a,
      Runnable[] afterCommit) {
    String id = s.id();
    AgentMessage message = a.message();
    if (message.body() instanceof AgentMessage.RekeyReply k) {
      return rekeys.onAnswerLocked(s, k);
    }
    if (message.body() instanceof AgentMessage.RatchetReady) {
      // Opening it switched ratchets already (TwoRatchets); a resync may be announced now.
      StoreTransaction<Void> announced = RatchetSyncs.readyLocked(s);
      return announced != null ? announced : tx -> null;
    }
    Rotations.Step step = null;
    if (message.body() instanceof AgentMessage.QueueAdd add) {
      step = rotations.onQueueAddLocked(s, add);
    } else if (message.body() instanceof AgentMessage.QueueUse use) {
      step = rotations.onQueueUseLocked(s, use);
    }
    if (step != null) {
      // Sequenced like a text: the receipt tells the sender it arrived.
      s.setReceiptWanted(true);
      afterCommit[0] = step.afterCommit();
      return step.unit();
    }
    if (message.body() instanceof AgentMessage.Receipt r) {
      // The peer is draining its queue: a send backing off after ERR QUOTA may go now.
      ctx.executor().execute(() -> ctx.deliveries().wake(id));
      long from = s.deliveredUpTo();
      long to = Math.min(r.receiptFor(), s.sndLastId());
      if (to <= from) {
        return tx -> null;
      }
      s.setDeliveredUpTo(to);
      // Copies of what the peer now holds are of no use on the queues still carrying them.
      ctx.deliveries().delivered(id, to);
      return tx -> {
        Receipts.markDelivered(tx, id, from, to, r.msgHash());
        return null;
      };
    }
    String text = ((AgentMessage.Text) message.body()).text();
    s.setReceiptWanted(true);
    var integrity = a.integrity();
    InMessageRow row = InMessageRow.received(id, message.msgId(), text,
        MsgIntegrity.valueOf(integrity.kind().name()), a.hash(), ctx.now());
    if (integrity.kind() == Kind.SKIPPED) {
      row = row.withSkipped(integrity.from(), integrity.to());
    }
    Map<String, Object> integrityData = new HashMap<>();
    integrityData.put("kind", integrity.label());
    if (integrity.kind() == Kind.SKIPPED) {
      integrityData.put("from", integrity.from());
      integrityData.put("to", integrity.to());
    }
    InMessageRow stored = row;
    Map<String, Object> data = Map.of("messageId", stored.id(), "text", text,
        "integrity", integrityData);
    return tx -> {
      tx.inbox().insert(stored);
      EventLog.append(tx, AgentEvent.MESSAGE_RECEIVED, id, data);
      return null;
    };
  }

  private void ack(RelayAddress relay, RcvQueueRow q, Response.Msg msg) {
    ctx.pool().client(relay).acknowledge(q.recipientId(), q.rcvAuthKey(), msg.msgId());
  }
}
