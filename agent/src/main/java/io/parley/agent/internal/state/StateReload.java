package io.parley.agent.internal.state;

import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.StoreException;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.ratchet.RatchetException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Brings a connection's in-memory copy back to what the store holds after one of its units
 * failed, then reopens its {@linkplain ConnectionState#fence fence}. While the fence is closed
 * nothing of the connection's stored state can change (its units fail without running), so the
 * copy read is the one to keep. A store that cannot be read either is tried again after a pause
 * that doubles up to {@value #RETRY_MAX_MILLIS} ms, until it can or the store is closed.
 * Stateless; thread-safe.
 */
final class StateReload {
  /** UNIT: milliseconds. */
  static final long RETRY_MIN_MILLIS = 100;
  /** UNIT: milliseconds. */
  static final long RETRY_MAX_MILLIS = 5_000;

  private static final System.Logger LOG = System.getLogger(StateReload.class.getName());
  private static final CompletableFuture<Void> NOTHING_TO_DO =
      CompletableFuture.completedFuture(null);

  private StateReload() {}

  /** Reloads {@code s} if its fence is broken; completes once it is reloaded or need not be. */
  static CompletableFuture<Void> ifBroken(Database store, ConnectionState s) {
    long generation;
    synchronized (s) {
      if (!s.fence().broken()) {
        return NOTHING_TO_DO;
      }
      generation = s.fence().generation();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    attempt(store, s, generation, done, 0);
    return done;
  }

  private static void attempt(Database store, ConnectionState s, long generation,
      CompletableFuture<Void> done, int failures) {
    if (store.closed()) {
      done.complete(null);
      return;
    }
    // Once every unit queued before it has run: none of them can still commit afterwards.
    CompletableFuture<Void> barrier = store.write(tx -> null);
    if (barrier.isCompletedExceptionally()) {
      // Refused at once (queue full): it says nothing about the units queued before it.
      retryLater(store, s, generation, done, failures);
      return;
    }
    barrier.handle((v, e) -> {
      read(store, s, generation, done, failures);
      return null;
    });
  }

  private static void read(Database store, ConnectionState s, long generation,
      CompletableFuture<Void> done, int failures) {
    Optional<ConnectionState> fresh;
    try {
      fresh = Optional.ofNullable(store.read(tx -> {
        Optional<ConnectionRow> row = tx.connections().find(s.id());
        if (row.isEmpty()) {
          return null;
        }
        try {
          return Connections.load(tx, row.get());
        } catch (RatchetException | CryptoException ex) {
          throw new StoreException("stored keys are unusable", ex);
        }
      }));
    } catch (StoreException ex) {
      if (failures == 0) {
        LOG.log(Level.ERROR, "cannot re-read a connection after a failed write; trying again: "
            + ex.getMessage());
      }
      retryLater(store, s, generation, done, failures);
      return;
    }
    synchronized (s) {
      if (fresh.isPresent() && s.fence().generation() == generation) {
        s.resetTo(fresh.get());
        s.fence().reopen(generation);
      }
    }
    done.complete(null);
  }

  private static void retryLater(Database store, ConnectionState s, long generation,
      CompletableFuture<Void> done, int failures) {
    long delay = Math.min(RETRY_MAX_MILLIS, RETRY_MIN_MILLIS << Math.min(failures, 16));
    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
        .execute(() -> attempt(store, s, generation, done, failures + 1));
  }
}
