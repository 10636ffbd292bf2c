package io.parley.agent.model;

/**
 * How many of the agent's receive queues its relay clients keep subscribed. Names no queue.
 *
 * @param queues queues the relay clients remember and re-subscribe after every reconnect
 * @param subscribed of those, the queues whose SUB the current session of their relay accepted
 * @param sentSubs SUBs sent since the agent started, first ones and retries
 * @param resentSubs SUBs sent again after a transient failure (a relay error that may clear),
 *     since the agent started; each waits for one back-off of its whole relay, not a timer of
 *     its own. A slow answer is not such a failure: a SUB has no timeout while its session lives
 * @param lateAnswers SUBs answered only after the command timeout, since the agent started;
 *     each subscribed its queue all the same and was not sent again
 */
public record SubscriptionStats(int queues, int subscribed, long sentSubs, long resentSubs,
    long lateAnswers) {
  /** Whether every remembered queue is subscribed. */
  public boolean complete() {
    return subscribed == queues;
  }
}
