package io.parley.agent.readmodel;

/**
 * The part of the durable event log still kept: events {@code oldestSeq..latestSeq}. Retention
 * deletes from the head, so a reader whose cursor is below {@code oldestSeq - 1} (other than 0,
 * "from the start") has missed events.
 *
 * @param oldestSeq the oldest event kept; {@code latestSeq + 1} when the log is empty
 * @param latestSeq the highest sequence number ever assigned, 0 if none; it survives retention
 */
public record EventLogSpan(long oldestSeq, long latestSeq) {
  /** The highest sequence number retention may have deleted (0 if none). */
  public long expiredUpTo() {
    return oldestSeq - 1;
  }
}
