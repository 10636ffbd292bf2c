package io.parley.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.agent.event.AgentEvent;
import io.parley.bench.common.BenchException;
import io.parley.bench.common.Percentiles;
import io.parley.daemon.api.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Event latency at a fixed send rate: Alice POSTs texts through her API; Bob's agent commits
 * each as {@code message.received}; a WebSocket client of Bob's API receives it. Measured, on
 * one clock (same JVM): commit (the agent's own listener, which runs before the API's) to the
 * WebSocket frame, and the POST to the frame end to end.
 */
final class LatencyPhase {
  private static final String PREFIX = "lat-";

  /** The two distributions. */
  record Result(Percentiles commitToFrame, Percentiles sendToFrame) {}

  private LatencyPhase() {}

  static Result run(ApiBenchRig rig, String aliceConn, int messages, int rate)
      throws Exception {
    Map<Long, Long> committed = new ConcurrentHashMap<>();
    Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    long[] commitToFrame = new long[messages];
    long[] sendToFrame = new long[messages];
    CountDownLatch all = new CountDownLatch(messages);
    rig.addBobListener(e -> {
      if (AgentEvent.MESSAGE_RECEIVED.equals(e.type())) {
        committed.put(e.seq(), System.nanoTime());
      }
    });
    ApiBenchRig.Daemon bob = rig.bob();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public void onOpen(WebSocket ws) {
        ws.request(Long.MAX_VALUE);
      }

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long now = System.nanoTime();
        partial.append(data);
        if (!last) {
          return null;
        }
        try {
          JsonNode event = Json.MAPPER.readTree(partial.toString());
          String text = event.get("data").get("text").asText();
          if (text.startsWith(PREFIX)) {
            int i = Integer.parseInt(text.substring(PREFIX.length(), text.indexOf(' ')));
            Long c = committed.get(event.get("seq").asLong());
            commitToFrame[i] = c == null ? 0 : now - c;
            sendToFrame[i] = now - sentAt.get(i);
            all.countDown();
          }
        } catch (IOException | RuntimeException e) {
          // A frame that is not one of ours does not count.
        }
        partial.setLength(0);
        return null;
      }
    };
    WebSocket ws = rig.http().newWebSocketBuilder()
        .header("Authorization", "Bearer " + bob.token())
        .buildAsync(URI.create(bob.base().replace("http:", "ws:")
            + "/v1/events/ws?after=latest&types=message.received"), listener)
        .get(ApiBenchRig.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    try {
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      long start = System.nanoTime();
      String padding = "x".repeat(ApiBenchOptions.TEXT_BYTES);
      for (int i = 0; i < messages; i++) {
        long due = start + i * interval;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        sentAt.put(i, System.nanoTime());
        HttpResponse<Void> r = rig.http().send(HttpRequest.newBuilder(URI.create(
            rig.alice().base() + "/v1/connections/" + aliceConn + "/messages"))
            .header("Authorization", "Bearer " + rig.alice().token())
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(PREFIX + i + " " + padding)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 202) {
          throw new BenchException("a latency send answered " + r.statusCode());
        }
      }
      if (!all.await(ApiBenchRig.STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new BenchException("only " + (messages - all.getCount()) + " of " + messages
            + " events reached the WebSocket client");
      }
    } finally {
      ws.abort();
    }
    return new Result(new Percentiles(commitToFrame), new Percentiles(sendToFrame));
  }
}
