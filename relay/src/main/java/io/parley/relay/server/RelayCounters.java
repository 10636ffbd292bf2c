package io.parley.relay.server;

import io.parley.protocol.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Aggregate counters, the only traffic facts the relay logs: totals, never per queue or per
 * client. Thread-safe.
 */
public final class RelayCounters {
  final LongAdder connectionsAccepted = new LongAdder();
  final LongAdder connectionsRefused = new LongAdder();
  /** The part of {@link #connectionsRefused} refused because too many handshakes were pending. */
  final LongAdder refusedHandshakesPending = new LongAdder();
  private final AtomicInteger connectionsOpenPeak = new AtomicInteger();
  final LongAdder handshakesFailed = new LongAdder();
  final LongAdder handshakesCompleted = new LongAdder();
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
  /** Error answers by code: an enum, so the set of labels is fixed. */
  private final Map<ErrorCode, LongAdder> errorsByCode = new EnumMap<>(ErrorCode.class);

  public RelayCounters() {
    for (ErrorCode c : ErrorCode.values()) {
      errorsByCode.put(c, new LongAdder());
    }
  }

  void error(ErrorCode code) {
    errors.increment();
    errorsByCode.get(code).increment();
  }

  /** Error answers with {@code code} since start. */
  public long commandErrors(ErrorCode code) {
    return errorsByCode.get(code).sum();
  }

  /** TLS and session handshakes that completed since start. */
  public long handshakesCompleted() {
    return handshakesCompleted.sum();
  }

  /** TLS and session handshakes that failed or timed out since start. */
  public long handshakesFailed() {
    return handshakesFailed.sum();
  }

  /** Blocks that did not decode since start (each closes its connection). */
  public long blocksMalformed() {
    return blocksMalformed.sum();
  }

  /** Messages accepted by SEND since start. */
  public long messagesSent() {
    return messagesSent.sum();
  }

  /** Queues created since start. */
  public long queuesCreated() {
    return queuesCreated.sum();
  }

  /** Queues deleted since start. */
  public long queuesDeleted() {
    return queuesDeleted.sum();
  }

  /** Commands received since start. */
  public long commands() {
    return commands.sum();
  }

  /** Commands answered with an error (any code). */
  public long commandErrors() {
    return errors.sum();
  }

  /** Connections closed at accept: the relay was at its connection or pending-handshake cap. */
  public long connectionsRefused() {
    return connectionsRefused.sum();
  }

  /** Connections closed at accept because the pending-handshake cap was reached. */
  public long connectionsRefusedHandshakesPending() {
    return refusedHandshakesPending.sum();
  }

  /** Connections accepted (and not refused) since start. */
  public long connectionsAccepted() {
    return connectionsAccepted.sum();
  }

  /** The most connections open at once since start, counted from accept. */
  public int connectionsOpenPeak() {
    return connectionsOpenPeak.get();
  }

  void connectionOpened(int openNow) {
    connectionsOpenPeak.accumulateAndGet(openNow, Math::max);
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
        + " (handshakesPending=" + refusedHandshakesPending.sum() + ")"
        + " peakOpen=" + connectionsOpenPeak.get()
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
