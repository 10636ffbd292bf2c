package io.parley.agent.internal.inbound;

import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.protocol.transport.RelayAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Gets a message that could not be stored delivered again. It was not acknowledged, so the
 * relay keeps it but holds back the queue until asked: once the connection's copy is reloaded
 * from the store, a {@code SUB} asks for it again, after a pause that doubles with each failure
 * in a row on that connection, from {@value #RETRY_MIN_MILLIS} ms to {@value #RETRY_MAX_MILLIS}
 * ms. A full disk is so probed every few seconds rather than in a tight loop, and receiving
 * resumes by itself at most that long after the store works again. Thread-safe.
 */
final class Redelivery {
  /** UNIT: milliseconds. */
  static final long RETRY_MIN_MILLIS = 100;
  /** UNIT: milliseconds. */
  static final long RETRY_MAX_MILLIS = 5_000;

  private final AgentContext ctx;
  /** Failures in a row, by connection id; cleared by a message stored. */
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  /** Connections with a SUB pending; a message arriving meanwhile asks for nothing more. */
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  Redelivery(AgentContext ctx) {
    this.ctx = ctx;
  }

  /** A message of {@code s} was stored: the next failure starts from the shortest pause. */
  void stored(ConnectionState s) {
    if (!failures.isEmpty()) {
      failures.remove(s.id());
    }
  }

  /**
   * A message of {@code q} was not stored (or not even handled, memory being stale): reloads
   * {@code s} ({@code force}: even if its fence is not broken, after an unfenced unit failed)
   * and asks the relay for the message again.
   */
  void notStored(RelayAddress relay, ConnectionState s, RcvQueueRow q, boolean force) {
    int n = failures.merge(s.id(), 1, Integer::sum);
    if (!scheduled.add(s.id())) {
      return;
    }
    long pause = Math.min(RETRY_MAX_MILLIS, RETRY_MIN_MILLIS << Math.min(n - 1, 16));
    CompletableFuture<Void> reloaded = force
        ? Connections.reload(ctx.store(), s) : Connections.resync(ctx.store(), s);
    reloaded.thenRun(() -> CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS,
        ctx.executor()).execute(() -> {
          scheduled.remove(s.id());
          ctx.pool().client(relay).subscribe(q.recipientId(), q.rcvAuthKey())
              .exceptionally(x -> null); // A session that comes up re-subscribes by itself.
        }));
  }
}
