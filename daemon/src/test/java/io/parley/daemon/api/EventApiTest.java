package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.ApiFixture.Daemon;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log over long-poll, named consumers, WebSocket and SSE: ordered, complete,
 * resumable, and delivered to every reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class EventApiTest {
  ApiFixture fx;
  Daemon alice;
  Daemon bob;
  Pair pair;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new ApiFixture(dir);
    alice = fx.daemon("alice");
    bob = fx.daemon("bob");
    pair = fx.network().connect(alice.agent(), bob.agent());
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  /** Bob sends {@code n} texts to Alice, so Alice's log gets n message.received events. */
  private void bobSends(String prefix, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      Resp r = bob.client().postText("/v1/connections/" + pair.joinerConnection() + "/messages",
          prefix + i);
      assertEquals(202, r.status(), r.body());
    }
  }

  private long latest() throws Exception {
    return alice.client().get("/v1/events?after=latest").json().get("next").asLong();
  }

  /** Every event of Alice's log after {@code after}, read by long-poll pages. */
  private List<JsonNode> logAfter(long after) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    long next = after;
    while (true) {
      JsonNode page = alice.client().get("/v1/events?limit=1000&after=" + next).json();
      page.get("events").forEach(out::add);
      if (page.get("events").isEmpty()) {
        return out;
      }
      next = page.get("next").asLong();
    }
  }

  private static List<Long> seqs(List<JsonNode> events) {
    return events.stream().map(e -> e.get("seq").asLong()).toList();
  }

  private static long received(List<JsonNode> events) {
    return events.stream().filter(e -> e.get("type").asText().equals("message.received"))
        .count();
  }

  @Test
  void aLongPollReturnsAsSoonAsAnEventIsCommitted() throws Exception {
    long from = latest();
    CompletableFuture<Resp> poll = CompletableFuture.supplyAsync(() -> {
      try {
        return alice.client().get("/v1/events?types=message.received&wait=30&after=" + from);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    bobSends("poll", 1);
    Resp r = poll.get(30, TimeUnit.SECONDS);
    assertEquals(200, r.status(), r.body());
    JsonNode e = r.json().get("events").get(0);
    assertEquals("message.received", e.get("type").asText());
    assertEquals("poll0", e.get("data").get("text").asText());
    assertEquals(pair.inviterConnection(), e.get("connectionId").asText());
    assertEquals("ok", e.get("data").get("integrity").get("kind").asText());
    assertTrue(e.get("seq").asLong() > from);
    assertEquals(e.get("seq").asLong(), r.json().get("next").asLong());
  }

  @Test
  void aLongPollWithNothingNewAnswersAnEmptyPageWhenTheWaitEnds() throws Exception {
    long from = latest();
    long t0 = System.nanoTime();
    Resp r = alice.client().get("/v1/events?types=no.such&wait=1&after=" + from);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(200, r.status());
    assertEquals(0, r.json().get("events").size());
    assertTrue(r.json().get("next").asLong() >= from);
    assertTrue(millis >= 900, millis + " ms");
  }

  @Test
  void pagesHonourLimitAndNextAndReadingConsumesNothing() throws Exception {
    long from = latest();
    bobSends("page", 3);
    List<JsonNode> all = Await.value("3", () -> logAfter(from), l -> received(l) >= 3);
    JsonNode first = alice.client().get("/v1/events?limit=2&after=" + from).json();
    assertEquals(2, first.get("events").size());
    assertEquals(first.get("events").get(1).get("seq"), first.get("next"));
    JsonNode again = alice.client().get("/v1/events?limit=2&after=" + from).json();
    assertEquals(first, again);
    List<Long> seqs = seqs(all);
    for (int i = 1; i < seqs.size(); i++) {
      assertTrue(seqs.get(i) > seqs.get(i - 1), "increasing: " + seqs);
    }
  }

  @Test
  void badCursorsAreRefusedWithTheErrorEnvelope() throws Exception {
    long head = latest();
    assertEquals(400, alice.client().get("/v1/events?after=" + (head + 1000)).status());
    assertEquals(400, alice.client().get("/v1/events?after=yesterday").status());
    assertEquals(400, alice.client().get("/v1/events?after=1&consumer=x").status());
    assertEquals(400, alice.client().get("/v1/events?limit=0").status());
    assertEquals(400, alice.client().get("/v1/events?wait=3600").status());
    assertEquals(400, alice.client().get("/v1/events?types=Bad%20Type").status());
  }

  @Test
  void aNamedConsumerResumesAfterItsAcknowledgedCursor() throws Exception {
    long from = latest();
    assertEquals(200, alice.client().post("/v1/consumers/bot/ack", Map.of("seq", from))
        .status());
    bobSends("consumer", 2);
    JsonNode page = Await.value("two events for the consumer",
        () -> alice.client().get("/v1/events?consumer=bot&types=message.received").json(),
        p -> p.get("events").size() >= 2);
    long firstSeq = page.get("events").get(0).get("seq").asLong();
    assertEquals("consumer0", page.get("events").get(0).get("data").get("text").asText());
    Resp ack = alice.client().post("/v1/consumers/bot/ack", Map.of("seq", firstSeq));
    assertEquals(firstSeq, ack.json().get("cursor").asLong());
    JsonNode after = alice.client().get("/v1/events?consumer=bot&types=message.received")
        .json();
    assertEquals("consumer1", after.get("events").get(0).get("data").get("text").asText());
    Resp back = alice.client().post("/v1/consumers/bot/ack", Map.of("seq", from));
    assertEquals(firstSeq, back.json().get("cursor").asLong(), "a cursor never moves back");
    assertTrue(alice.client().get("/v1/consumers").json().get("consumers")
        .findValuesAsText("name").contains("bot"));
    assertEquals(400, alice.client().post("/v1/consumers/bot/ack",
        Map.of("seq", latest() + 100)).status());
    assertEquals(204, alice.client().delete("/v1/consumers/bot").status());
    assertEquals(404, alice.client().get("/v1/consumers/bot").status());
  }

  @Test
  void twoWebSocketClientsBothGetEveryEventInOrder() throws Exception {
    long from = latest();
    try (WsClient one = WsClient.connect(alice.client(), "after=" + from);
        WsClient two = WsClient.connect(alice.client(), "after=" + from)) {
      bobSends("fan", 20);
      List<JsonNode> log = Await.value("20 messages", () -> logAfter(from), l -> received(l) >= 20);
      List<JsonNode> a = one.take(log.size());
      List<JsonNode> b = two.take(log.size());
      assertEquals(seqs(log), seqs(a));
      assertEquals(seqs(log), seqs(b));
      assertEquals(log, a);
    }
  }

  @Test
  void aWebSocketClientThatReconnectsAfterItsLastSeqMissesAndRepeatsNothing() throws Exception {
    long from = latest();
    List<JsonNode> seen = new ArrayList<>();
    try (WsClient ws = WsClient.connect(alice.client(), "after=" + from)) {
      bobSends("resume", 5);
      seen.addAll(ws.take(3));
    }
    bobSends("resume-more", 5);
    long last = seen.get(seen.size() - 1).get("seq").asLong();
    List<JsonNode> log = Await.value("10", () -> logAfter(from), l -> received(l) >= 10);
    try (WsClient ws = WsClient.connect(alice.client(), "after=" + last)) {
      seen.addAll(ws.take(log.size() - seen.size()));
    }
    assertEquals(seqs(log), seqs(seen));
  }

  @Test
  void sseCarriesIdsAndResumesFromLastEventId() throws Exception {
    long from = latest();
    bobSends("sse", 4);
    List<JsonNode> log = Await.value("4", () -> logAfter(from), l -> received(l) >= 4);
    List<SseClient.Frame> first;
    try (SseClient sse = SseClient.open(alice.client(), "after=" + from, null)) {
      assertEquals(200, sse.status());
      assertTrue(sse.contentType().startsWith("text/event-stream"), sse.contentType());
      first = sse.take(2);
    }
    for (SseClient.Frame f : first) {
      assertEquals(f.data().get("seq").asText(), f.id());
    }
    String lastId = first.get(1).id();
    List<SseClient.Frame> rest;
    try (SseClient sse = SseClient.open(alice.client(), "after=" + from, lastId)) {
      rest = sse.take(log.size() - 2);
    }
    List<Long> got = new ArrayList<>();
    first.forEach(f -> got.add(f.data().get("seq").asLong()));
    rest.forEach(f -> got.add(f.data().get("seq").asLong()));
    assertEquals(seqs(log), got);
  }

  @Test
  void streamsRefuseAnExpiredOrFutureCursorBeforeUpgrading() throws Exception {
    Resp sse = alice.client().get("/v1/events/sse?after=" + (latest() + 1000));
    assertEquals(400, sse.status());
    Resp notUpgraded = alice.client().get("/v1/events/ws");
    assertEquals(400, notUpgraded.status());
  }
}
