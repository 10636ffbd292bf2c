package io.parley.relay.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Aggregate counters, the only traffic facts the relay logs: totals, never per queue or per
 * client. Thread-safe.
 */
public final class RelayCounters {
  final LongAdder connectionsAccepted = new LongAdder();
  final LongAdder connectionsRefused = new LongAdder();
  final LongAdder handshakesFailed = new LongAdder();
  final LongAdder blocksMalformed = new LongAdder();
  final LongAdder blocksReceived = new LongAdder();
  final LongAdder blocksSent = new LongAdder();
  final LongAdder commands = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder queuesCreated = new LongAdder();
  final LongAdder queuesDeleted = new LongAdder();
  final LongAdder messagesSent = new LongAdder();
  final LongAdder messagesDelivered = new LongAdder();
  final LongAdder messagesExpired = new LongAdder();
  final LongAdder deliveriesDeferred = new LongAdder();

  /** Commands received since start. */
  public long commands() {
    return commands.sum();
  }

  /** Connections refused because the relay was at its connection limit. */
  /** Commands answered with an error (any code). */
  public long commandErrors() {
    return errors.sum();
  }

  public long connectionsRefused() {
    return connectionsRefused.sum();
  }

  /** Messages removed by expiry since start. */
  public long messagesExpired() {
    return messagesExpired.sum();
  }

  /** Command blocks received since start (after the handshake). */
  public long blocksReceived() {
    return blocksReceived.sum();
  }

  /** Blocks of replies and events sent since start. */
  public long blocksSent() {
    return blocksSent.sum();
  }

  /** Messages delivered since start. */
  public long messagesDelivered() {
    return messagesDelivered.sum();
  }

  /** Deliveries held back because the subscriber was not reading fast enough. */
  public long deliveriesDeferred() {
    return deliveriesDeferred.sum();
  }

  void expired(int n) {
    messagesExpired.add(n);
  }

  /** One line of totals for the log. */
  public String summary() {
    return "connections accepted=" + connectionsAccepted.sum()
        + " refused=" + connectionsRefused.sum()
        + " handshakeFailures=" + handshakesFailed.sum()
        + "; blocks received=" + blocksReceived.sum() + " sent=" + blocksSent.sum()
        + " malformed=" + blocksMalformed.sum()
        + "; commands=" + commands.sum() + " errors=" + errors.sum()
        + "; queues created=" + queuesCreated.sum() + " deleted=" + queuesDeleted.sum()
        + "; messages sent=" + messagesSent.sum() + " delivered=" + messagesDelivered.sum()
        + " expired=" + messagesExpired.sum()
        + " deferredForSlowReaders=" + deliveriesDeferred.sum();
  }
}
