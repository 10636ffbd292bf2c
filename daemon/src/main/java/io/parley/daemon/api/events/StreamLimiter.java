package io.parley.daemon.api.events;

import io.parley.daemon.api.http.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the readers that hold a connection open waiting for events (long-polls, WebSockets,
 * SSE): at most {@code max} in all, and at most half of them for one profile, so one busy
 * profile (a bot's token, say) never shuts the others out. One more is refused with 429 until
 * another ends. Thread-safe.
 */
public final class StreamLimiter {
  /** One profile may hold at most 1/PROFILE_SHARE_DIVISOR of the slots. */
  static final int PROFILE_SHARE_DIVISOR = 2;

  private final int max;
  private final int maxPerProfile;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> openByProfile = new ConcurrentHashMap<>();

  public StreamLimiter(int max) {
    this.max = max;
    this.maxPerProfile = Math.max(1, max / PROFILE_SHARE_DIVISOR);
  }

  /**
   * Takes a slot for {@code profile}; release it exactly once with {@link #release}.
   *
   * @throws ApiException 429 if every slot, or every slot this profile may hold, is taken
   */
  public void acquire(String profile) throws ApiException {
    Refusal[] refusal = {Refusal.NONE};
    // compute() serialises the profile's count, and the total is taken inside it, so a refusal
    // of either leaves both counts as they were.
    openByProfile.compute(profile, (p, n) -> {
      int mine = n == null ? 0 : n;
      if (mine >= maxPerProfile) {
        refusal[0] = Refusal.PROFILE;
        return n;
      }
      if (open.incrementAndGet() > max) {
        open.decrementAndGet();
        refusal[0] = Refusal.TOTAL;
        return n;
      }
      return mine + 1;
    });
    switch (refusal[0]) {
      case PROFILE -> throw profileFull();
      case TOTAL -> throw full();
      case NONE -> { }
    }
  }

  /** Takes a slot for {@code profile} if one is free; release it with {@link #release}. */
  public boolean tryAcquire(String profile) {
    try {
      acquire(profile);
      return true;
    } catch (ApiException e) {
      return false;
    }
  }

  /** Refuses with 429 now if no slot is free for {@code profile}, without taking one. */
  public void checkRoom(String profile) throws ApiException {
    if (openByProfile.getOrDefault(profile, 0) >= maxPerProfile) {
      throw profileFull();
    }
    if (open.get() >= max) {
      throw full();
    }
  }

  /** Gives back a slot {@code profile} took. */
  public void release(String profile) {
    openByProfile.computeIfPresent(profile, (p, n) -> n <= 1 ? null : n - 1);
    open.decrementAndGet();
  }

  /** Slots in use. */
  public int open() {
    return open.get();
  }

  private enum Refusal { NONE, PROFILE, TOTAL }

  private ApiException profileFull() {
    return new ApiException(429, ApiException.TOO_MANY_REQUESTS, "this profile has "
        + maxPerProfile + " event readers waiting; close one or use a webhook");
  }

  private ApiException full() {
    return new ApiException(429, ApiException.TOO_MANY_REQUESTS, "more than " + max
        + " event readers are waiting; close one or use a webhook");
  }
}
