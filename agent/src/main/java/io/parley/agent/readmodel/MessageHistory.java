package io.parley.agent.readmodel;

import io.parley.agent.store.StoreException;
import java.util.List;
import java.util.Optional;

/**
 * Pages through one connection's text messages, received and sent, ordered by time (then id).
 * Pages are keyed by a message id, so they stay stable while new messages arrive. Each call is
 * one read of the agent's store. Thread-safe.
 */
public interface MessageHistory {
  /** Largest page returned; bigger requests are cut to it. */
  int MAX_PAGE_SIZE = 500;

  /** A received message by its id. */
  Optional<HistoryEntry> incoming(String messageId) throws StoreException;

  /** The newest {@code limit} messages, oldest first. */
  List<HistoryEntry> latest(String connectionId, int limit) throws StoreException;

  /**
   * Up to {@code limit} messages just before message {@code messageId}, oldest first; empty if
   * that message is not in this connection's history.
   */
  Optional<List<HistoryEntry>> before(String connectionId, String messageId, int limit)
      throws StoreException;

  /** Like {@link #before}, for the messages just after {@code messageId}. */
  Optional<List<HistoryEntry>> after(String connectionId, String messageId, int limit)
      throws StoreException;
}
