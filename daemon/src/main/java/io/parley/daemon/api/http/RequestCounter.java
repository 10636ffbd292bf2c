package io.parley.daemon.api.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts answered requests by status code, for {@code /metrics}. Thread-safe. */
public final class RequestCounter implements HttpHandler {
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final HttpHandler next;

  public RequestCounter(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    ex.addExchangeCompleteListener((e, nextListener) -> {
      byStatus.computeIfAbsent(e.getStatusCode(), s -> new LongAdder()).increment();
      nextListener.proceed();
    });
    next.handleRequest(ex);
  }

  /** Requests answered so far, by status code. */
  public Map<Integer, Long> counts() {
    Map<Integer, Long> out = new TreeMap<>();
    byStatus.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
