package io.parley.daemon.store.api;

import io.parley.agent.store.SchemaExtension;
import io.parley.agent.store.SharedStore;
import io.parley.agent.store.StoreException;
import io.parley.agent.store.StoreUnavailableException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API's own tables in the agent's SQLite file ({@code parley.db}), registered with the
 * agent's store as the extension {@link #SCHEMA}. Each {@link #read} is one read transaction on
 * the agent's read connections. Each {@link #write} is one unit of the agent's group commit (one
 * fsync shared with the agent's writes, no competition for SQLite's write lock), durable
 * ({@code synchronous=FULL}) before it returns, so a 2xx answered after it is durable.
 * Thread-safe.
 */
public final class ApiStore implements AutoCloseable {
  /** How long a write waits for its unit to commit. UNIT: milliseconds. */
  public static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 5_000;
  /** The API's tables and their migrations, resources next to this class. */
  public static final SchemaExtension SCHEMA = SchemaExtension.fromResources("api",
      ApiStore.class, List.of("migrations/V0001__api_tables.sql",
          "migrations/V0002__profiles.sql", "migrations/V0003__console.sql"));

  private final SharedStore shared;
  private final Clock clock;
  private final long writeTimeoutMillis;
  private volatile boolean closed;

  private ApiStore(SharedStore shared, Clock clock, long writeTimeoutMillis) {
    this.shared = shared;
    this.clock = clock;
    this.writeTimeoutMillis = writeTimeoutMillis;
  }

  /** Work run inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(ApiTx tx) throws StoreException;
  }

  /**
   * The API's tables through {@code shared}, the agent's store extended with {@link #SCHEMA}.
   *
   * @param writeTimeoutMillis how long a write waits for its unit to commit before failing with
   *     {@link StoreUnavailableException}; the unit may still commit later. UNIT: milliseconds
   */
  public static ApiStore open(SharedStore shared, Clock clock, long writeTimeoutMillis) {
    return new ApiStore(shared, clock, writeTimeoutMillis);
  }

  /** Runs {@code work} in a read transaction: every query sees one committed snapshot. */
  public <T> T read(Work<T> work) throws StoreException {
    checkOpen();
    return shared.read(c -> {
      ApiTx tx = new ApiTx(c, clock);
      try {
        return work.run(tx);
      } finally {
        tx.close();
      }
    });
  }

  /**
   * Runs {@code work} in a write unit and waits until it is durable; a failure rolls all of it
   * back.
   *
   * @throws StoreUnavailableException if the unit did not commit in time or the commit failed
   */
  public <T> T write(Work<T> work) throws StoreException {
    checkOpen();
    CompletableFuture<T> unit = shared.write(c -> {
      ApiTx tx = new ApiTx(c, clock);
      try {
        return work.run(tx);
      } finally {
        tx.close();
      }
    });
    try {
      return unit.get(writeTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException s) {
        throw s;
      }
      throw new StoreUnavailableException("the write failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("the write did not commit within "
          + writeTimeoutMillis + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for a write");
    }
  }

  /**
   * {@code work} as a unit of another write (the agent's unit creating or deleting a profile),
   * so the API's rows change in the same transaction.
   */
  public SharedStore.SqlWork<Void> inUnit(Work<?> work) {
    return c -> {
      ApiTx tx = new ApiTx(c, clock);
      try {
        work.run(tx);
        return null;
      } finally {
        tx.close();
      }
    };
  }

  /** A new random row id. */
  public String newId() {
    return shared.newId();
  }

  /** The time stamped on rows. UNIT: epoch milliseconds. */
  public long now() {
    return clock.millis();
  }

  /** Refuses further work; the agent owns the connections and closes them. Idempotent. */
  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() throws StoreUnavailableException {
    if (closed) {
      throw new StoreUnavailableException("the API store is closed");
    }
  }
}
