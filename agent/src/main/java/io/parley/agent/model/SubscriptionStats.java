package io.parley.agent.model;

/**
 * How many of the agent's receive queues its relay clients keep subscribed. Names no queue.
 *
 * @param queues queues the relay clients remember and re-subscribe after every reconnect
 * @param subscribed of those, the queues whose SUB the current session of their relay accepted
 * @param resentSubs SUBs sent again after a transient failure (no answer in time, or a relay
 *     error that may clear), since the agent started; each waits for one back-off of its whole
 *     relay, not a timer of its own
 */
public record SubscriptionStats(int queues, int subscribed, long resentSubs) {
  /** Whether every remembered queue is subscribed. */
  public boolean complete() {
    return subscribed == queues;
  }
}
