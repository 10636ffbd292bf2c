package io.parley.agent.internal.client;

import io.parley.agent.model.RelayClientConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly one SUB per queue per session, however {@code subscribe} calls, queue creation and
 * the start of a session interleave; counted by a real in-process relay. The client under test
 * reaches the relay through a {@link StallingProxy}, which holds its TLS handshake so that
 * commands are provably made while the session is still connecting.
 */
@ExtendWith(LeakCheck.class)
class SubscriptionPerSessionTest {
  private static final RelayClientConfig CONFIG = RelayClientConfig.defaults()
      .withReconnectMillis(50, 500).withCommandTimeoutMillis(10_000);
  private static final String LOOPBACK = "127.0.0.1";
  /** Queues in the racing test: enough that subscribes overlap the re-subscription. */
  private static final int RACING_QUEUES = 60;

  @TempDir Path dir;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final RecordingListener events = new RecordingListener();
  private RelayFixture relay;
  private StallingProxy proxy;
  private RelayClientPool pool;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dir);
    proxy = new StallingProxy(relay.port());
    pool = new RelayClientPool(CONFIG, events, executor);
  }

  @AfterEach
  void stop() {
    pool.close();
    proxy.close();
    relay.close();
    executor.shutdownNow();
  }

  @Test
  void aQueueSubscribedWhileTheSessionIsConnectingGetsOneSubAndOneDelivery() throws Exception {
    Queues q = queueHolding("waiting");
    proxy.stall();
    RelayClient client = pool.client(proxied());
    assertFalse(client.isUp(), "the handshake is held, so the session is still connecting");
    long before = relay.relay().counters().commands();

    CompletableFuture<Void> sub = client.subscribe(q.rid(), q.rcvPriv());
    proxy.resume();
    Await.result(sub);
    settle(client);

    assertEquals(2, relay.relay().counters().commands() - before, "one SUB, then the PING");
    Await.until("the waiting message", () -> events.messages.size() == 1);
    assertArrayEquals(q.rid(), events.messages.get(0).recipientId());
    assertEquals("waiting", text(q, 0));
    Await.result(client.ping());
    assertEquals(1, events.messages.size(), "the message was delivered twice");
  }

  @Test
  void aQueueCreatedWhileConnectingIsNotSubscribedAgainOnTheSameSession() throws Exception {
    proxy.stall();
    RelayClient client = pool.client(proxied());
    assertFalse(client.isUp());
    long before = relay.relay().counters().commands();

    Queues q = new Queues();
    CompletableFuture<Response.Ids> created = client.createQueue(q.rcvPriv(),
        q.recipientAuth.publicKey(), q.recipientDh.publicKey(), true, QueueMode.MESSAGING);
    proxy.resume();
    q.ids = Await.result(created);
    settle(client);

    assertEquals(1, client.subscriptionCount());
    assertEquals(2, relay.relay().counters().commands() - before, "NEW (which subscribes), then PING");
    send(q, "hello");
    Await.until("a message on the new queue", () -> events.messages.size() == 1);
    assertEquals("hello", text(q, 0));
  }

  @Test
  void subscribingAgainOnALiveSessionAsksForTheUnacknowledgedMessageAgain() throws Exception {
    Queues q = queueHolding("unacknowledged");
    RelayClient client = pool.client(proxied());
    Await.result(client.subscribe(q.rid(), q.rcvPriv()));
    Await.until("first delivery", () -> events.messages.size() == 1);
    long before = relay.relay().counters().commands();

    Await.result(client.subscribe(q.rid(), q.rcvPriv()));
    Await.until("delivered again", () -> events.messages.size() == 2);

    assertArrayEquals(events.messages.get(0).msg().msgId(), events.messages.get(1).msg().msgId());
    assertEquals(1, relay.relay().counters().commands() - before, "one more SUB");
    assertEquals(1, client.subscriptionCount());
  }

  @Test
  void aReconnectSendsOneSubPerRememberedQueue() throws Exception {
    RelayClient client = pool.client(proxied());
    List<Queues> queues = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queues.add(Queues.create(client, true, QueueMode.MESSAGING));
    }
    Queues later = queueHolding("for the later subscriber");
    Await.result(client.subscribe(later.rid(), later.rcvPriv()));
    Await.until("first session reported", () -> events.ups.size() == 1);
    Await.until("first delivery", () -> events.messages.size() == 1);

    restartRelay();
    Await.until("second session reported", () -> events.ups.size() == 2);
    Await.result(client.ping());

    assertEquals(queues.size() + 2, relay.relay().counters().commands(),
        "one SUB per remembered queue, then the PING");
    Await.until("the unacknowledged message again", () -> events.messages.size() == 2);
    for (Queues q : queues) {
      send(q, "after the restart");
    }
    Await.until("a message on every queue", () -> events.messages.size() == queues.size() + 2);
  }

  @Test
  void subscribesRacingTheStartOfASessionStillSendOneSubPerQueue() throws Exception {
    List<Queues> queues = queuesHolding(RACING_QUEUES);
    proxy.stall();
    RelayClient client = pool.client(proxied());
    long before = relay.relay().counters().commands();
    List<CompletableFuture<Void>> subs = new ArrayList<>();
    for (Queues q : queues.subList(0, RACING_QUEUES / 2)) {
      subs.add(client.subscribe(q.rid(), q.rcvPriv()));
    }
    proxy.resume();
    for (Queues q : queues.subList(RACING_QUEUES / 2, RACING_QUEUES)) {
      subs.add(client.subscribe(q.rid(), q.rcvPriv()));
    }
    Await.result(CompletableFuture.allOf(subs.toArray(CompletableFuture[]::new)));
    settle(client);

    assertEquals(RACING_QUEUES + 1, relay.relay().counters().commands() - before,
        "one SUB per queue, then the PING");
    Await.until("one message per queue", () -> events.messages.size() == RACING_QUEUES);
    Await.result(client.ping());
    Set<String> ids = new HashSet<>();
    events.messages.forEach(m -> ids.add(new String(m.msg().msgId(), StandardCharsets.ISO_8859_1)));
    assertEquals(RACING_QUEUES, ids.size(), "some message was delivered twice");
    assertEquals(RACING_QUEUES, events.messages.size());
  }

  /**
   * Waits until the session is reported up (its re-subscription is dispatched before that),
   * then makes a round trip: the relay has counted every command sent before it.
   */
  private void settle(RelayClient client) throws Exception {
    Await.until("session reported up", () -> events.ups.size() == 1);
    Await.result(client.ping());
  }

  /** A queue, not subscribed by anyone, holding one message; made through its own client. */
  private Queues queueHolding(String text) throws Exception {
    try (RelayClientPool other = new RelayClientPool(CONFIG, new RecordingListener(),
        executor)) {
      RelayClient c = other.client(relay.address());
      Queues q = Queues.create(c, false, QueueMode.MESSAGING);
      Await.result(c.send(q.sid(), null, text.getBytes(StandardCharsets.UTF_8)));
      return q;
    }
  }

  /** {@code n} queues like {@link #queueHolding}, holding "m0", "m1", ... */
  private List<Queues> queuesHolding(int n) throws Exception {
    try (RelayClientPool other = new RelayClientPool(CONFIG, new RecordingListener(),
        executor)) {
      RelayClient c = other.client(relay.address());
      List<Queues> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Queues q = Queues.create(c, false, QueueMode.MESSAGING);
        Await.result(c.send(q.sid(), null, ("m" + i).getBytes(StandardCharsets.UTF_8)));
        all.add(q);
      }
      return all;
    }
  }

  private void send(Queues q, String text) throws Exception {
    try (RelayClientPool other = new RelayClientPool(CONFIG, new RecordingListener(),
        executor)) {
      Await.result(other.client(relay.address()).send(q.sid(), null,
          text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private String text(Queues q, int index) throws Exception {
    return new String(q.open(events.messages.get(index).msg()).body(), StandardCharsets.UTF_8);
  }

  private RelayAddress proxied() {
    return new RelayAddress(relay.address().keyHash(), LOOPBACK, proxy.port());
  }

  private void restartRelay() throws Exception {
    relay.restart();
  }
}
