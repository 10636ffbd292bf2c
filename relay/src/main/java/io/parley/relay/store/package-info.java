/**
 * The relay's queue store (docs/relay-store.md): queue records and messages in memory, made
 * durable by an append-only journal with snapshots, compaction and recovery, and the store
 * directory's lock. May use the protocol's root, {@code codec}, {@code command} and
 * {@code crypto} packages and the transport's {@code files}; nothing of the relay's server.
 */
package io.parley.relay.store;
