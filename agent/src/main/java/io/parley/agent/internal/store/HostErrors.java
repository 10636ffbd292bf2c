package io.parley.agent.internal.store;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Translates the store's failures into the types hosts see ({@link io.parley.agent.store}):
 * unavailable stays unavailable (a damaged file too), anything else is a plain failure. A
 * host's own exception passes through unchanged.
 */
final class HostErrors {
  private HostErrors() {}

  /** Carries a host's exception through the store's internal types. */
  static final class Tunnel extends StoreException {
    private final io.parley.agent.store.StoreException carried;

    Tunnel(io.parley.agent.store.StoreException carried) {
      super(carried.getMessage(), carried);
      this.carried = carried;
    }
  }

  static io.parley.agent.store.StoreException toHost(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof Tunnel tunnel) {
      return tunnel.carried;
    }
    if (t instanceof io.parley.agent.store.StoreException host) {
      return host;
    }
    if (t instanceof SQLException sql) {
      return io.parley.agent.store.SqliteErrors.translate(sql);
    }
    if (t instanceof StoreUnavailableException || t instanceof DatabaseCorruptException) {
      return new io.parley.agent.store.StoreUnavailableException(t.getMessage(), t);
    }
    if (t instanceof StoreException) {
      return new io.parley.agent.store.StoreException(t.getMessage(), t);
    }
    return new io.parley.agent.store.StoreException("the unit failed: " + t, t);
  }
}
