package io.parley.bench.api;

import io.parley.bench.common.BenchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Throughput of {@code POST /v1/connections/{id}/messages}: {@code text/plain} sends over
 * several keep-alive HTTP connections, each keeping a few requests in flight. An accepted send
 * is a 202: the text is encrypted and durable in the outbox.
 */
final class SendPhase {
  /**
   * Requests in flight per HTTP connection. Undertow answers pipelined requests of one
   * connection one after another, so concurrency comes from connections, as with real clients.
   */
  static final int PIPELINE_DEPTH = 1;

  /** What one run achieved. */
  record Result(int accepted, int failed, long elapsedNanos) {
    double perSecond() {
      return accepted / (elapsedNanos / 1e9);
    }
  }

  private SendPhase() {}

  /**
   * @param concurrency requests in flight in total, over {@code concurrency / depth} sockets
   */
  static Result run(ApiBenchRig rig, List<String> connections, int sends, int concurrency,
      String text) throws IOException, InterruptedException, BenchException {
    ApiBenchRig.Daemon alice = rig.alice();
    int sockets = Math.max(1, concurrency / PIPELINE_DEPTH);
    List<PipelinedSender> senders = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      senders.add(PipelinedSender.send(alice.api().port(), "/v1/connections/"
          + connections.get(i % connections.size()) + "/messages", alice.token(), text));
    }
    return drive(senders, sends);
  }

  /** Cheap authenticated reads ({@code GET /v1/connections/{id}}): the HTTP layer's own rate. */
  static Result reads(ApiBenchRig rig, String connection, int requests, int concurrency)
      throws IOException, InterruptedException, BenchException {
    ApiBenchRig.Daemon alice = rig.alice();
    List<PipelinedSender> senders = new ArrayList<>();
    for (int i = 0; i < Math.max(1, concurrency / PIPELINE_DEPTH); i++) {
      senders.add(PipelinedSender.get(alice.api().port(), "/v1/connections/" + connection,
          alice.token()));
    }
    return drive(senders, requests);
  }

  private static Result drive(List<PipelinedSender> senders, int total)
      throws IOException, InterruptedException, BenchException {
    int sockets = senders.size();
    ExecutorService pool = Executors.newFixedThreadPool(sockets);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < sockets; i++) {
        PipelinedSender s = senders.get(i);
        int share = total / sockets + (i < total % sockets ? 1 : 0);
        results.add(pool.submit(() -> s.run(share, PIPELINE_DEPTH)));
      }
      int accepted = 0;
      for (Future<Integer> f : results) {
        accepted += f.get(ApiBenchRig.STEP_TIMEOUT_SECONDS * 5, TimeUnit.SECONDS);
      }
      return new Result(accepted, total - accepted, System.nanoTime() - t0);
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException("the sends failed: " + e);
    } finally {
      pool.shutdownNow();
      for (PipelinedSender s : senders) {
        s.close();
      }
    }
  }
}
