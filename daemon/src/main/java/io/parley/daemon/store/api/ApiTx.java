package io.parley.daemon.store.api;

import java.sql.Connection;
import java.time.Clock;

/**
 * The repositories of one {@link ApiStore} transaction. Valid only until the work that received
 * it returns. Not thread-safe.
 */
public final class ApiTx {
  private final Statements sql;
  private final Clock clock;

  ApiTx(Connection conn, Clock clock) {
    this.sql = new Statements(conn);
    this.clock = clock;
  }

  public TokenRepository tokens() {
    return new TokenRepository(sql, clock);
  }

  public ConsumerRepository consumers() {
    return new ConsumerRepository(sql, clock);
  }

  public WebhookRepository webhooks() {
    return new WebhookRepository(sql, clock);
  }

  public MarkRepository marks() {
    return new MarkRepository(sql, clock);
  }

  void close() {
    sql.close();
  }
}
