/**
 * The agent store's extension point for host programs (the daemon's local API is one): a
 * {@link io.parley.agent.store.SchemaExtension} names the tables and migrations a host owns,
 * and a {@link io.parley.agent.store.SharedStore} runs the host's reads and writes on the
 * agent's database, its writes as units of the agent's group commit. Typed failures and the
 * classification of SQLite's error codes, shared with the agent's own store, live here too.
 *
 * <p>May use: the JDK only (java.sql). A leaf: nothing of the agent, so the agent's internals
 * and any host can depend on it.
 */
package io.parley.agent.store;
