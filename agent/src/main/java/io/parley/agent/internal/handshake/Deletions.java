package io.parley.agent.internal.handshake;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.RowEdit;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.client.RelayClient;
import io.parley.agent.internal.client.RelayErrorException;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.delivery.OutboxScan;
import io.parley.agent.internal.delivery.SendFailure;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.OutMessageKind;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.model.MessageStatus;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deleting connections (docs/agent.md 1.4): the local keys go at once, in one unit with the
 * {@code connection.deleted} event; the receive queue is then deleted on its relay ({@code DEL}),
 * retried while the relay is unreachable, and only then is the connection's row removed.
 * Thread-safe.
 */
public final class Deletions {
  private static final System.Logger LOG = System.getLogger(Deletions.class.getName());
  /** Reason given to messages still queued when their connection is deleted. */
  public static final String DELETED_LOCALLY = "connection deleted";

  private final AgentContext ctx;
  /** Receive queues of deleted connections still to be deleted on their relays, by row id. */
  private final Map<Long, RcvQueueRow> pending = new ConcurrentHashMap<>();

  public Deletions(AgentContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Deletes a connection. Completes once it is gone locally and the first attempt to delete
   * its queue on the relay has finished: normally the queue is gone too, so the peer's next
   * send fails; if the relay was unreachable the DEL is retried in the background.
   */
  public CompletableFuture<Void> delete(String id) {
    ConnectionState s = ctx.connections().get(id).orElse(null);
    if (s == null) {
      return unknown();
    }
    List<RcvQueueRow> rcv;
    CompletableFuture<Void> local;
    synchronized (s) {
      if (s.gone()) {
        return unknown();
      }
      s.markGone();
      long now = ctx.now();
      ConnectionRow row = RowEdit.of(s).status(ConnectionStatus.DELETED).ratchet(null)
          .ownX3dh(null).invitation(null).build(now);
      rcv = s.rcvQueues();
      List<SndQueueRow> snd = s.sndQueues();
      long last = s.sndLastId();
      local = ctx.store().write(tx -> {
        tx.connections().update(row);
        for (SndQueueRow q : snd) {
          tx.queues().deleteSnd(q.id());
        }
        OutboxScan scan = OutboxScan.of(tx, id, last);
        for (OutItem item : scan.queued()) {
          if (scan.sent().contains(item.id())) {
            // A relay holds it already; only its other copies are given up.
            tx.outbox().dropPayload(item.id());
            continue;
          }
          if (tx.outbox().markFailed(item.id(), DELETED_LOCALLY)
              && item.kind() == OutMessageKind.TEXT) {
            EventLog.append(tx, AgentEvent.MESSAGE_STATUS, id, Map.of("messageId", item.id(),
                "status", MessageStatus.FAILED.label(), "reason", DELETED_LOCALLY));
          }
        }
        EventLog.append(tx, AgentEvent.CONNECTION_DELETED, id, Map.of());
        return null;
      });
    }
    ctx.connections().remove(id);
    ctx.deliveries().stop(id);
    for (RcvQueueRow q : rcv) {
      client(q).ifPresent(c -> c.unsubscribeLocal(q.recipientId()));
    }
    return local.thenCompose(v -> {
      if (rcv.isEmpty()) {
        purge(id);
        return CompletableFuture.completedFuture(null);
      }
      rcv.forEach(q -> pending.put(q.id(), q));
      return CompletableFuture.allOf(
          rcv.stream().map(this::deleteOnRelay).toArray(CompletableFuture[]::new));
    });
  }

  /** Queues of connections deleted before a restart whose DEL had not succeeded. */
  public void resume(List<RcvQueueRow> queues) {
    for (RcvQueueRow q : queues) {
      pending.put(q.id(), q);
      deleteOnRelay(q);
    }
  }

  /** Tries every pending DEL again (the sweep, or a relay came back). */
  public void retryAll() {
    pending.values().forEach(this::deleteOnRelay);
  }

  /** One DEL attempt; the future completes (never fails) when the attempt is over. */
  private CompletableFuture<Void> deleteOnRelay(RcvQueueRow q) {
    var c = client(q);
    if (c.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return c.get().delete(q.recipientId(), q.rcvAuthKey()).handleAsync((v, e) -> {
      Throwable cause = e == null ? null : SendFailure.unwrap(e);
      boolean gone = cause == null
          || cause instanceof RelayErrorException r && r.code() == ErrorCode.AUTH;
      if (!gone) {
        LOG.log(Level.DEBUG, "DEL failed, will retry: " + cause.getMessage());
        return null;
      }
      if (pending.remove(q.id()) != null && pending.values().stream()
          .noneMatch(other -> q.connectionId().equals(other.connectionId()))) {
        // The connection's row goes with its last receive queue.
        purge(q.connectionId());
      }
      return null;
    }, ctx.executor());
  }

  private void purge(String connectionId) {
    ctx.store().write(tx -> tx.connections().delete(connectionId)).exceptionally(e -> {
      LOG.log(Level.WARNING, "cannot remove a deleted connection's row: " + e.getMessage());
      return false;
    });
  }

  private Optional<RelayClient> client(RcvQueueRow q) {
    try {
      return Optional.of(ctx.pool().client(RelayAddress.parse(q.relay())));
    } catch (InvalidRelayAddressException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static CompletableFuture<Void> unknown() {
    return CompletableFuture.failedFuture(new AgentException(
        AgentException.Reason.UNKNOWN_CONNECTION, "no such connection"));
  }
}
