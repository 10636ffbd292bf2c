package io.parley.daemon.api.events;

import io.parley.daemon.api.http.ApiException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the readers that hold a connection open waiting for events (long-polls, WebSockets,
 * SSE); one more is refused with 429 until another ends. Thread-safe.
 */
public final class StreamLimiter {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  public StreamLimiter(int max) {
    this.max = max;
  }

  /**
   * Takes a slot; release it exactly once with {@link #release}.
   *
   * @throws ApiException 429 if every slot is taken
   */
  public void acquire() throws ApiException {
    while (true) {
      int n = open.get();
      if (n >= max) {
        throw new ApiException(429, ApiException.TOO_MANY_REQUESTS, "more than " + max
            + " event readers are waiting; close one or use a webhook");
      }
      if (open.compareAndSet(n, n + 1)) {
        return;
      }
    }
  }

  /** Takes a slot if one is free; release it exactly once with {@link #release}. */
  public boolean tryAcquire() {
    try {
      acquire();
      return true;
    } catch (ApiException e) {
      return false;
    }
  }

  /** Refuses with 429 now if every slot is taken, without taking one. */
  public void checkRoom() throws ApiException {
    if (open.get() >= max) {
      throw new ApiException(429, ApiException.TOO_MANY_REQUESTS, "more than " + max
          + " event readers are waiting; close one or use a webhook");
    }
  }

  public void release() {
    open.decrementAndGet();
  }

  /** Slots in use. */
  public int open() {
    return open.get();
  }
}
