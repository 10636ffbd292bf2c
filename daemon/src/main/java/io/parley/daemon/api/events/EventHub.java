package io.parley.daemon.api.events;

import io.parley.agent.Agent;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.error.UncheckedAgentException;
import io.parley.agent.error.UncheckedAgentException;
import io.parley.agent.readmodel.EventLogSpan;
import io.parley.agent.store.StoreException;
import io.parley.agent.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The API's view of the durable event log. It listens to the agent, which hands over each event
 * only after it is committed, keeps the newest ones serialized in a ring, and wakes the
 * subscribed streams and long-polls. Reads behind the ring go to the store, so a client
 * resuming from any retained cursor gets every event, in order, exactly once per read.
 *
 * <p>Also tracks retention: cursors that point below {@link #expiredUpTo()} have lost events.
 * {@link #close()} detaches it from the agent. Thread-safe.
 */
public final class EventHub implements AutoCloseable {
  /** Recent events kept serialized in memory. UNIT: events. */
  public static final int DEFAULT_RING_CAPACITY = 8_192;

  /** Something waiting for events; {@link #wake} must return at once (it runs on the agent). */
  public interface Subscriber {
    void wake();
  }

  private final Agent agent;
  private final EventRing ring;
  /** The one listener object registered, so {@link #close()} can detach that same object. */
  private final Consumer<AgentEvent> listener = this::onEvent;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final List<AgentEvent> early = new ArrayList<>();
  private boolean ready;
  /** Every committed event above this is in the ring or about to be handed to it. */
  private long ringFloor;
  private long latest;
  private volatile long expiredUpTo;

  private EventHub(Agent agent, int capacity) {
    this.agent = agent;
    this.ring = new EventRing(capacity);
  }

  /**
   * Starts following the agent's events. The listener goes on before the log's head is read:
   * every event committed after that read reaches the ring.
   */
  public static EventHub start(Agent agent, int ringCapacity) throws StoreException {
    EventHub hub = new EventHub(agent, ringCapacity);
    agent.addEventListener(hub.listener);
    try {
      long head = hub.span().latestSeq();
      hub.init(head);
      hub.refreshExpired();
    } catch (StoreException | RuntimeException e) {
      hub.close();
      throw e;
    }
    return hub;
  }

  /**
   * Stops following the agent (the agent may run on without this API): no event reaches the
   * ring or the subscribers after the one being delivered now. Idempotent.
   */
  @Override
  public void close() {
    agent.removeEventListener(listener);
  }

  private synchronized void init(long head) {
    ringFloor = head;
    latest = head;
    ready = true;
    for (AgentEvent e : early) {
      append(e);
    }
    early.clear();
  }

  private void onEvent(AgentEvent e) {
    synchronized (this) {
      if (!ready) {
        early.add(e);
        return;
      }
      append(e);
    }
    for (Subscriber s : subscribers) {
      s.wake();
    }
  }

  private void append(AgentEvent e) {
    if (e.seq() <= ringFloor) {
      return;
    }
    HubEvent dropped = ring.append(HubEvent.of(e));
    if (dropped != null) {
      ringFloor = dropped.seq();
    }
    latest = Math.max(latest, e.seq());
  }

  /**
   * Up to {@code limit} events after {@code seq}, oldest first: from memory when the ring
   * covers them, else from the store.
   *
   * @throws UncheckedAgentException if the store cannot be read
   */
  public List<HubEvent> after(long seq, int limit) {
    synchronized (this) {
      if (ready && seq >= ringFloor) {
        return ring.after(seq, limit);
      }
    }
    return agent.eventsAfter(seq, limit).stream().map(HubEvent::of).toList();
  }

  /** The newest committed event's sequence number this hub has seen (0 for none). */
  public synchronized long latestSeq() {
    return latest;
  }

  /** The newest sequence number in the store itself, which may be ahead of the hub briefly. */
  public long latestStoredSeq() throws StoreException {
    return span().latestSeq();
  }

  /**
   * Events up to this sequence number may have been deleted by retention: a cursor below it
   * (other than 0, "from the start") has missed events.
   */
  public long expiredUpTo() {
    return expiredUpTo;
  }

  /** Re-reads the oldest retained event; called after retention deleted some. */
  public void refreshExpired() throws StoreException {
    expiredUpTo = span().expiredUpTo();
  }

  /** The log's kept span; the agent's unchecked store failure becomes the API's typed one. */
  private EventLogSpan span() throws StoreException {
    try {
      return agent.eventLogSpan();
    } catch (UncheckedAgentException e) {
      throw new StoreUnavailableException(e.getMessage(), e.getCause());
    }
  }

  public void subscribe(Subscriber s) {
    subscribers.add(s);
  }

  public void unsubscribe(Subscriber s) {
    subscribers.remove(s);
  }

  /** How many streams and long-polls are waiting. */
  public int subscriberCount() {
    return subscribers.size();
  }
}
