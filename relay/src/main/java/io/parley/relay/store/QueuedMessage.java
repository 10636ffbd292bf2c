package io.parley.relay.store;

/**
 * A stored message with its journal sequence number. Sequence numbers increase with every
 * append across the whole store, so within one queue they follow FIFO order; the journal uses
 * them to name removals and to make replay idempotent. Immutable.
 */
record QueuedMessage(long seq, StoredMessage message) {}
