package io.parley.daemon.api.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves one route. It runs on an API worker thread and may answer later (a future that an
 * agent operation or the event log completes); failures, thrown or in the future, become the
 * error envelope through {@link Failures}.
 */
@FunctionalInterface
public interface Endpoint {
  CompletionStage<Reply> handle(Call call) throws Exception;

  /** An endpoint that answers at once. */
  @FunctionalInterface
  interface Sync {
    Reply handle(Call call) throws Exception;
  }

  /** Adapts an endpoint that answers at once. */
  static Endpoint of(Sync sync) {
    return call -> CompletableFuture.completedFuture(sync.handle(call));
  }
}
