package io.parley.agent.internal.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one relay client's SUBs came to since it started: sent, sent again after a transient
 * failure, and answered only after the command timeout (such an answer still counts: the queue
 * is subscribed and its SUB is not sent again). Thread-safe.
 */
final class SubCounters {
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private final AtomicLong late = new AtomicLong();

  void countSent(int subs) {
    sent.addAndGet(subs);
  }

  void countResent() {
    resent.incrementAndGet();
  }

  void countLate() {
    late.incrementAndGet();
  }

  long sent() {
    return sent.get();
  }

  long resent() {
    return resent.get();
  }

  long late() {
    return late.get();
  }
}
