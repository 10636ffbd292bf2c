package io.parley.agent.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Completes command futures on the client's executor, never on an event loop: callers chain
 * work (database writes, further commands) onto these futures, and that work must not stall
 * the network thread. Falls back to the calling thread once the executor is shut down.
 */
final class Completions {
  private Completions() {}

  static <T> void complete(Executor executor, CompletableFuture<T> future, T value) {
    run(executor, () -> future.complete(value));
  }

  static void fail(Executor executor, CompletableFuture<?> future, Throwable cause) {
    run(executor, () -> future.completeExceptionally(cause));
  }

  private static void run(Executor executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }
}
