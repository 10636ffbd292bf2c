/**
 * The agent's SQLite store: {@link io.parley.agent.internal.store.Database} (file, migrations, group
 * commit writer, read pool) and the typed repositories a write unit or a query reaches through
 * {@link io.parley.agent.internal.store.StoreTx}. The schema is documented table by table in
 * {@code migrations/V0001__init.sql}; {@code agent/schema.sql} is its committed dump, checked by
 * {@code SchemaDumpTest}.
 *
 * <p>Everything that must be true together goes in one write unit. Receiving a message, before
 * the relay ACK:
 *
 * <pre>{@code
 * db.write(tx -> {
 *   tx.inbox().insert(InMessageRow.received(connId, msgId, text, integrity, hash, tx.now()));
 *   tx.connections().advanceReceiving(connId, msgId, hash, ratchetState);
 *   tx.queues().setLastRelayMsgId(queueId, relayMsgId);
 *   return tx.events().append("message.received", connId, json);
 * }).thenRun(() -> relay.ack(...));   // the ACK only after the commit
 * }</pre>
 *
 * <p>Sending: encrypt once, in the unit that stores the message and the advanced ratchet, so a
 * retry resends the same bytes ({@code tx.outbox().insert(...)} plus
 * {@code tx.connections().advanceSending(...)}). Units built from a connection's in-memory copy
 * go through {@link io.parley.agent.internal.store.WriteFence}: none commits after an earlier one
 * failed, so a failed receive can never become half-durable. Tests make the store fail on demand
 * with {@link io.parley.agent.internal.store.StoreFaults}. Reads that need no write go through
 * {@link io.parley.agent.internal.store.Database#read}; a write unit reads through its own
 * {@code StoreTx}, which sees its own uncommitted changes.
 *
 * <p>May use: sqlite-jdbc (through JDBC), protocol. No other agent package: it is the bottom.
 */
package io.parley.agent.internal.store;
