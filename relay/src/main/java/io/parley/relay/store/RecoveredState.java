package io.parley.relay.store;

import java.util.List;

/**
 * What replaying the files produced: the live queues with their messages, and the next
 * message sequence number (above every number the files ever used).
 */
record RecoveredState(List<QueueState> queues, long nextSeq) {
  static final RecoveredState EMPTY = new RecoveredState(List.of(), 0);
}
