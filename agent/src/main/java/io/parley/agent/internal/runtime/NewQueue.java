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
    X25519.KeyPair auth = X25519.generate();
    X25519.KeyPair dh = X25519.generate();
    X25519.KeyPair e2e = X25519.generate();
    CompletableFuture<Response.Ids> f;
    try {
      f = ctx.pool().client(relay)
          .createQueue(auth.privateKey(), auth.publicKey(), dh.publicKey(), true, mode);
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
