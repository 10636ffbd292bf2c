package io.parley.agent.internal.client;

import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.command.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queues one relay client keeps subscribed, each with the session its last {@code SUB}
 * was issued on and that SUB's answer. A SUB is sent only by whoever claims the queue for a
 * session, so a SUB made while a session is connecting and the re-subscription when that
 * session comes up send one SUB between them, not two (a second SUB on one connection makes
 * the relay deliver the unacknowledged message again). At most one SUB per queue awaits its
 * answer at a time, so their number is bounded by the number of queues. Thread-safe.
 */
final class Subscriptions {
  /** One remembered queue. Its claim is guarded by the entry's monitor. */
  static final class Entry {
    private final ByteKey recipientId;
    private final byte[] authKey;
    private Object session;
    private CompletableFuture<Response> answer;

    private Entry(ByteKey recipientId, byte[] authKey) {
      this.recipientId = recipientId;
      this.authKey = authKey;
    }

    ByteKey recipientId() {
      return recipientId;
    }

    /** The queue's recipient key; the caller must not change it. */
    byte[] authKey() {
      return authKey;
    }

    /**
     * Claims this queue's SUB on {@code session} for the caller, who must then send it and
     * complete {@code fresh} with its answer; returns {@code fresh} if so. If the queue already
     * has a SUB on that session, returns that SUB's answer instead, and the caller sends
     * nothing. With {@code again}, a SUB on that session that has been answered does not
     * count: the caller asks for the unacknowledged message once more. A null session (none
     * being set up) claims nothing: the caller's command fails at once.
     */
    synchronized CompletableFuture<Response> claim(Object session,
        CompletableFuture<Response> fresh, boolean again) {
      if (session == null) {
        return fresh;
      }
      if (session == this.session && !(again && answer.isDone())) {
        return answer;
      }
      this.session = session;
      this.answer = fresh;
      return fresh;
    }

    /** Whether {@code session} has this queue's SUB, answered OK. */
    synchronized boolean isSubscribedOn(Object session) {
      return session != null && session == this.session && answer.isDone()
          && !answer.isCompletedExceptionally();
    }

    private synchronized void subscribedOn(Object session) {
      if (session != null) {
        this.session = session;
        this.answer = CompletableFuture.completedFuture(new Response.Ok());
      }
    }
  }

  private final Map<ByteKey, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Remembers a queue and returns its entry; a queue already remembered with the same key
   * keeps its entry, and so its claim.
   */
  Entry remember(byte[] recipientId, byte[] authKey) {
    ByteKey rid = ByteKey.copyOf(recipientId);
    return entries.compute(rid, (k, old) -> old != null && Arrays.equals(old.authKey, authKey)
        ? old : new Entry(rid, authKey.clone()));
  }

  /**
   * Remembers a queue the relay subscribed on {@code session} when it created it ({@code NEW}
   * with subscribe), so re-subscribing that session leaves it alone.
   */
  Entry rememberSubscribed(byte[] recipientId, byte[] authKey, Object session) {
    Entry e = remember(recipientId, authKey);
    e.subscribedOn(session);
    return e;
  }

  /** Forgets a queue, whatever its entry. */
  void forget(byte[] recipientId) {
    entries.remove(ByteKey.copyOf(recipientId));
  }

  /** Forgets this entry unless a newer one replaced it; true if it was forgotten. */
  boolean forget(Entry e) {
    return entries.remove(e.recipientId, e);
  }

  List<Entry> all() {
    return new ArrayList<>(entries.values());
  }

  int size() {
    return entries.size();
  }
}
