package io.parley.relay.store;

/** Lifecycle state of a stored queue (a deleted queue is simply gone). */
public enum QueueStatus {
  ACTIVE,
  /** Suspended by OFF: SENDs are refused, the recipient may still drain it. */
  OFF
}
