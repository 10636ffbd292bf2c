/**
 * The local API's own tables: scoped tokens, named event consumers and webhooks. They live in
 * the agent's database file as the store extension {@code api}
 * ({@link io.parley.daemon.store.api.ApiStore#SCHEMA}, migrations under
 * {@code migrations/} next to it); reads and writes go through the agent's
 * {@link io.parley.agent.store.SharedStore}, writes as units of its group commit. Every write
 * is one short unit. The agent's own tables (messages, events) are read through its public
 * read models, never here.
 *
 * <p>May use: {@link io.parley.agent.store} and the JDK (java.sql). Nothing else of the
 * daemon: the API's resources depend on this package, not the other way.
 */
package io.parley.daemon.store.api;
