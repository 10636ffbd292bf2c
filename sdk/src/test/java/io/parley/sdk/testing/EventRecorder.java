package io.parley.sdk.testing;

import io.parley.sdk.events.EventHandler;
import io.parley.sdk.events.SubscriptionListener;
import io.parley.sdk.events.Transport;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.model.Event;
import io.parley.testkit.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the events a subscription hands over (and what its listener hears), for assertions.
 * Thread-safe.
 */
public class EventRecorder implements EventHandler, SubscriptionListener {
  private final List<Event> events = new ArrayList<>();
  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicInteger disconnects = new AtomicInteger();
  private final AtomicInteger fallbacks = new AtomicInteger();
  private final AtomicInteger handlerErrors = new AtomicInteger();
  private volatile Transport lastTransport;

  @Override
  public synchronized void handle(Event event) {
    events.add(event);
  }

  /** Every event handed over, in order. */
  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** The texts of the message events handed over, in order. */
  public synchronized List<String> texts() {
    return events.stream().filter(Event::isMessage).map(Event::text).toList();
  }

  /** Waits until at least {@code n} message texts were handed over; returns them. */
  public List<String> awaitTexts(int n) throws Exception {
    return Await.value(n + " texts", this::texts, t -> t.size() >= n);
  }

  @Override
  public void onConnected(Transport transport, long cursor) {
    lastTransport = transport;
    connects.incrementAndGet();
  }

  @Override
  public void onDisconnected(ParleyException cause, long retryInMillis) {
    disconnects.incrementAndGet();
  }

  @Override
  public void onFallbackToLongPoll(ParleyException cause) {
    fallbacks.incrementAndGet();
  }

  @Override
  public void onHandlerError(Event event, Exception error) {
    handlerErrors.incrementAndGet();
  }

  /** How many times the handler threw. */
  public int handlerErrors() {
    return handlerErrors.get();
  }

  /** How many times the subscription (re)connected. */
  public int connects() {
    return connects.get();
  }

  /** How many times it lost its connection. */
  public int disconnects() {
    return disconnects.get();
  }

  /** How many times it fell back to long-polls. */
  public int fallbacks() {
    return fallbacks.get();
  }

  /** The transport of the last connection. */
  public Transport lastTransport() {
    return lastTransport;
  }
}
