package io.parley.agent.internal.runtime;

import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvQueueStatus;
import io.parley.protocol.agent.QueueUri;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.DeliveryCrypto;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.RelayAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A receive queue just created on a relay ({@code NEW}, subscribed) with the fresh keys behind
 * it: recipient authorization, relay DH, and the per-queue e2e key whose public half goes into
 * the link. Secret: {@link #toString()} is redacted.
 */
public record NewQueue(RelayAddress relay, QueueMode mode, Response.Ids ids, X25519.KeyPair auth,
    X25519.KeyPair dh, X25519.KeyPair e2e, byte[] deliveryKey) {

  /** Creates the queue on {@code relay}; fails with the relay client's exception. */
  public static CompletableFuture<NewQueue> create(AgentContext ctx, RelayAddress relay,
      QueueMode mode) {
    return create(ctx, relay, mode, true);
  }

  /**
   * Creates the queue on {@code relay}, subscribed or not: a rotation's new queue is read only
   * once its peer has switched to it (docs/agent.md 2.2).
   */
  public static CompletableFuture<NewQueue> create(AgentContext ctx, RelayAddress relay,
      QueueMode mode, boolean subscribe) {
    X25519.KeyPair auth = X25519.generate();
    X25519.KeyPair dh = X25519.generate();
    X25519.KeyPair e2e = X25519.generate();
    CompletableFuture<Response.Ids> f;
    try {
      f = ctx.pool().client(relay)
          .createQueue(auth.privateKey(), auth.publicKey(), dh.publicKey(), subscribe, mode);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return f.thenApply(ids -> {
      try {
        byte[] key = DeliveryCrypto.deliveryKey(X25519.agree(dh.privateKey(), ids.relayDhKey()));
        return new NewQueue(relay, mode, ids, auth, dh, e2e, key);
      } catch (CryptoException e) {
        throw new CompletionException(e);
      }
    });
  }

  /**
   * Creates one queue on each of {@code relays} at once. Completes with those that were made,
   * in the order of {@code relays}, once every attempt has ended; fails only if none was made
   * (with the first relay's failure). A relay that cannot make its queue costs the new
   * connection that relay's redundancy, not the connection.
   */
  public static CompletableFuture<List<NewQueue>> createAll(AgentContext ctx,
      List<RelayAddress> relays, QueueMode mode) {
    List<CompletableFuture<NewQueue>> attempts = new ArrayList<>();
    for (RelayAddress r : relays) {
      attempts.add(create(ctx, r, mode));
    }
    return CompletableFuture.allOf(attempts.stream()
            .map(f -> f.handle((q, e) -> null)).toArray(CompletableFuture[]::new))
        .thenCompose(v -> {
          List<NewQueue> made = new ArrayList<>();
          Throwable first = null;
          for (CompletableFuture<NewQueue> f : attempts) {
            try {
              made.add(f.join());
            } catch (CompletionException | CancellationException e) {
              first = first == null ? e.getCause() != null ? e.getCause() : e : first;
            }
          }
          return made.isEmpty()
              ? CompletableFuture.<List<NewQueue>>failedFuture(first)
              : CompletableFuture.completedFuture(made);
        });
  }

  /** What a sender needs to reach this queue (goes into a link or connection info). */
  public QueueUri uri() {
    return new QueueUri(relay.toString(), ids.senderId(), e2e.publicKey(), mode);
  }

  /** The row to store (its id is assigned on insert). */
  public RcvQueueRow row(String connectionId, RcvQueueStatus status, long now) {
    return new RcvQueueRow(0, connectionId, relay.toString(), ids.recipientId(), ids.senderId(),
        auth.privateKey(), dh.privateKey(), deliveryKey, e2e.privateKey(), null, mode, status,
        null, now, now);
  }

  @Override
  public String toString() {
    return "NewQueue[" + mode + "]";
  }
}
