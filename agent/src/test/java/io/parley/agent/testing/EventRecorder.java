package io.parley.agent.testing;

import io.parley.agent.Agent;
import io.parley.agent.event.AgentEvent;
import io.parley.testkit.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Records an agent's events (everything already in its log, then everything it commits) and
 * lets a test wait for them with a deadline. Thread-safe.
 */
public final class EventRecorder implements Consumer<AgentEvent> {
  /** Default deadline of {@link #await}. */
  public static final Duration DEFAULT_TIMEOUT = Deadline.DEFAULT_TIMEOUT;

  private final TreeMap<Long, AgentEvent> events = new TreeMap<>();

  /** Listens to {@code agent} and back-fills its log, so nothing committed is missed. */
  public static EventRecorder attach(Agent agent) {
    EventRecorder r = new EventRecorder();
    agent.addEventListener(r);
    long seq = 0;
    while (true) {
      List<AgentEvent> page = agent.eventsAfter(seq, 1_000);
      page.forEach(r);
      if (page.size() < 1_000) {
        break;
      }
      seq = page.get(page.size() - 1).seq();
    }
    return r;
  }

  @Override
  public synchronized void accept(AgentEvent e) {
    events.put(e.seq(), e);
    notifyAll();
  }

  public synchronized List<AgentEvent> all() {
    return new ArrayList<>(events.values());
  }

  public synchronized List<AgentEvent> matching(Predicate<AgentEvent> p) {
    return events.values().stream().filter(p).toList();
  }

  /** The first event matching {@code p}, waiting for it up to the default deadline. */
  public AgentEvent await(Predicate<AgentEvent> p) throws InterruptedException {
    return awaitCount(p, 1, DEFAULT_TIMEOUT).get(0);
  }

  /** Waits until {@code n} events match; fails the test with what was seen on the deadline. */
  public synchronized List<AgentEvent> awaitCount(Predicate<AgentEvent> p, int n,
      Duration timeout) throws InterruptedException {
    Deadline deadline = Deadline.after(timeout);
    while (true) {
      List<AgentEvent> found = events.values().stream().filter(p).toList();
      if (found.size() >= n) {
        return found;
      }
      if (deadline.passed()) {
        throw new AssertionError("timed out waiting for " + n + " events, saw " + found.size()
            + "; last events: " + tail());
      }
      // Woken by accept(); the timeout only bounds the wait.
      wait(Math.max(1, deadline.remaining().toMillis()));
    }
  }

  private String tail() {
    List<AgentEvent> all = new ArrayList<>(events.values());
    return all.subList(Math.max(0, all.size() - 10), all.size()).toString();
  }

  /** Matches events of one type about one connection. */
  public static Predicate<AgentEvent> is(String type, String connectionId) {
    return e -> e.type().equals(type)
        && (connectionId == null || connectionId.equals(e.connectionId()));
  }

  /** Matches {@code message.status} events with this status. */
  public static Predicate<AgentEvent> status(String connectionId, String status) {
    return e -> e.type().equals(AgentEvent.MESSAGE_STATUS)
        && connectionId.equals(e.connectionId()) && status.equals(e.data().get("status"));
  }
}
