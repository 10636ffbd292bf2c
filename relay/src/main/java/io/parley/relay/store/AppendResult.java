package io.parley.relay.store;

/** Outcome of appending a SEND to a queue. */
public sealed interface AppendResult {
  /** The message is stored (durably, per the fsync policy) and will be delivered. */
  record Appended(StoredMessage message) implements AppendResult {}

  /** The queue was full: a quota marker now ends it and it refuses SENDs until drained. */
  record QuotaExceeded() implements AppendResult {}

  /** The queue does not exist or is suspended (both are {@code ERR AUTH} to the sender). */
  record NoQueue() implements AppendResult {}
}
