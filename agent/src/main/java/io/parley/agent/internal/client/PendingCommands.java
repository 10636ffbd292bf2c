package io.parley.agent.internal.client;

import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.command.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * Commands of one session awaiting their answers, by correlation id. Each entry completes
 * exactly once: by its answer, its timeout or the end of the session; an answer that arrives
 * after that finds nothing and is dropped. Futures complete on the given executor, except those
 * registered to complete on the calling thread (a fire-and-forget command's trivial logging).
 * Thread-safe.
 */
final class PendingCommands {
  private static final class Entry {
    final CompletableFuture<Response> future;
    final boolean inline;
    volatile ScheduledFuture<?> timeout;

    Entry(CompletableFuture<Response> future, boolean inline) {
      this.future = future;
      this.inline = inline;
    }
  }

  private final Map<ByteKey, Entry> entries = new ConcurrentHashMap<>();
  private final Executor completions;

  PendingCommands(Executor completions) {
    this.completions = completions;
  }

  /** Registers a command before it is written, so its answer always finds it. */
  void add(byte[] corrId, CompletableFuture<Response> future) {
    add(corrId, future, false);
  }

  /**
   * Registers a command; with {@code inline} its future completes on whichever thread answers,
   * fails or times it out (the event loop), so its continuation must be trivial.
   */
  void add(byte[] corrId, CompletableFuture<Response> future, boolean inline) {
    entries.put(ByteKey.copyOf(corrId), new Entry(future, inline));
  }

  /** Attaches the timeout task, cancelled when the entry completes first. */
  void setTimeout(byte[] corrId, ScheduledFuture<?> timeout) {
    Entry e = entries.get(ByteKey.copyOf(corrId));
    if (e == null) {
      timeout.cancel(false);
    } else {
      e.timeout = timeout;
    }
  }

  /**
   * Completes the command with its answer: {@code ERR} completes it exceptionally with a
   * {@link RelayErrorException}. Returns false if no command with that id is pending.
   */
  boolean answer(byte[] corrId, Response response) {
    Entry e = remove(corrId);
    if (e == null) {
      return false;
    }
    if (response instanceof Response.Err err) {
      fail(e, new RelayErrorException(err.code()));
    } else if (e.inline) {
      e.future.complete(response);
    } else {
      Completions.complete(completions, e.future, response);
    }
    return true;
  }

  void fail(byte[] corrId, RelayClientException cause) {
    Entry e = remove(corrId);
    if (e != null) {
      fail(e, cause);
    }
  }

  /** Fails every pending command, each with its own exception from {@code cause}. */
  void failAll(Supplier<? extends RelayClientException> cause) {
    List<ByteKey> keys = new ArrayList<>(entries.keySet());
    for (ByteKey k : keys) {
      Entry e = entries.remove(k);
      if (e != null) {
        cancelTimeout(e);
        fail(e, cause.get());
      }
    }
  }

  private void fail(Entry e, RelayClientException cause) {
    if (e.inline) {
      e.future.completeExceptionally(cause);
    } else {
      Completions.fail(completions, e.future, cause);
    }
  }

  int size() {
    return entries.size();
  }

  private Entry remove(byte[] corrId) {
    Entry e = entries.remove(ByteKey.copyOf(corrId));
    if (e != null) {
      cancelTimeout(e);
    }
    return e;
  }

  private static void cancelTimeout(Entry e) {
    ScheduledFuture<?> t = e.timeout;
    if (t != null) {
      t.cancel(false);
    }
  }
}
