package io.parley.agent.internal.store;

import java.time.Clock;
import java.util.List;

/**
 * What a write unit or a read query works with: the typed repositories, all bound to the same
 * transaction. Valid only until the unit or query that received it returns; the repositories
 * then refuse further use. Not thread-safe. In a {@link Database#read} the connection is
 * read-only, so the repositories' write methods fail with {@link StoreException}.
 */
public final class StoreTx {
  private final Sql sql;
  private final Clock clock;
  private ConnectionStore connections;
  private QueueStore queues;
  private OutboxStore outbox;
  private InboxStore inbox;
  private EventStore events;
  private ContactStore contacts;
  private ProfileStore profiles;
  private RelayStore relays;
  private RatchetChangeStore ratchetChanges;

  StoreTx(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** The store's clock in epoch milliseconds; what the repositories stamp on rows. */
  public long now() {
    return clock.millis();
  }

  public ConnectionStore connections() {
    if (connections == null) {
      connections = new ConnectionStore(sql, clock);
    }
    return connections;
  }

  public QueueStore queues() {
    if (queues == null) {
      queues = new QueueStore(sql, clock);
    }
    return queues;
  }

  public OutboxStore outbox() {
    if (outbox == null) {
      outbox = new OutboxStore(sql, clock);
    }
    return outbox;
  }

  public InboxStore inbox() {
    if (inbox == null) {
      inbox = new InboxStore(sql);
    }
    return inbox;
  }

  public EventStore events() {
    if (events == null) {
      events = new EventStore(sql, clock);
    }
    return events;
  }

  public ContactStore contacts() {
    if (contacts == null) {
      contacts = new ContactStore(sql, clock);
    }
    return contacts;
  }

  public ProfileStore profiles() {
    if (profiles == null) {
      profiles = new ProfileStore(sql, clock);
    }
    return profiles;
  }

  /**
   * The unit's JDBC connection, for a host program's work that must commit in the same unit
   * as the agent's (a profile and the host's rows about it). Not to be kept beyond the unit.
   */
  public java.sql.Connection hostConnection() throws StoreException {
    return sql.connection();
  }

  /** Re-key and resync state (V0007). */
  public RatchetChangeStore ratchetChanges() {
    if (ratchetChanges == null) {
      ratchetChanges = new RatchetChangeStore(sql);
    }
    return ratchetChanges;
  }

  public RelayStore relays() {
    if (relays == null) {
      relays = new RelayStore(sql, clock);
    }
    return relays;
  }

  /** The statement runner, for the store's own plumbing and same-package tests. */
  Sql sql() {
    return sql;
  }

  /** Events this unit appended, in sequence order (empty if it appended none). */
  List<EventRow> appendedEvents() {
    return events == null ? List.of() : events.appended();
  }

  void close() {
    sql.close();
  }
}
