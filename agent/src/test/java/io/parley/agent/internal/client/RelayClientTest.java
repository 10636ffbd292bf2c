package io.parley.agent.internal.client;

import io.parley.agent.model.RelayClientConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The relay client against a real in-process relay over real TLS on loopback. */
@ExtendWith(LeakCheck.class)
class RelayClientTest {
  private static final RelayClientConfig CONFIG = RelayClientConfig.defaults()
      .withReconnectMillis(50, 500).withCommandTimeoutMillis(10_000);

  @TempDir Path dir;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final RecordingListener events = new RecordingListener();
  private RelayFixture relay;
  private RelayClientPool pool;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dir);
    pool = new RelayClientPool(CONFIG, events, executor);
  }

  @AfterEach
  void stop() {
    pool.close();
    relay.close();
    executor.shutdownNow();
  }

  @Test
  void aSecuredQueueDeliversDecryptableMessagesOneAckAtATime() throws Exception {
    RelayClient client = pool.client(relay.address());
    Queues q = Queues.create(client, true, QueueMode.MESSAGING);
    Await.result(client.secureBySender(q.sid(), q.senderAuth.privateKey(),
        q.senderAuth.publicKey()));
    Await.result(client.send(q.sid(), q.senderAuth.privateKey(), utf8("first")));
    Await.result(client.send(q.sid(), q.senderAuth.privateKey(), true, utf8("second")));

    Await.until("first MSG", () -> events.messages.size() == 1);
    RecordingListener.Message first = events.messages.get(0);
    assertEquals(relay.address(), first.relay());
    assertArrayEquals(q.rid(), first.recipientId());
    DeliveredMessage m1 = q.open(first.msg());
    assertEquals("first", new String(m1.body(), StandardCharsets.UTF_8));
    assertFalse(m1.quotaMarker());
    assertEquals(1, events.messages.size(), "second MSG came before the first was acked");

    Await.result(client.ack(q.rid(), q.rcvPriv(), first.msg().msgId()));
    Await.until("second MSG", () -> events.messages.size() == 2);
    DeliveredMessage m2 = q.open(events.messages.get(1).msg());
    assertEquals("second", new String(m2.body(), StandardCharsets.UTF_8));
    assertTrue(m2.notifyFlag());
    assertTrue(events.threads.stream().noneMatch(t -> t.startsWith("parley-relay-client")),
        "a listener call ran on an event loop: " + events.threads);
  }

  @Test
  void aThousandPipelinedSendsAllSucceedAndArriveInOrder() throws Exception {
    RelayClient recipient = pool.client(relay.address());
    Queues q = Queues.create(recipient, true, QueueMode.CONTACT);
    // Acks sent from the listener, as the agent will; the relay lets one message out per ack.
    events.onEachMessage = m -> recipient.ack(m.recipientId(), q.rcvPriv(), m.msg().msgId());
    int n = 1_000;
    // A second pool: its brand-new client takes the sends while it is still connecting.
    try (RelayClientPool senders = new RelayClientPool(CONFIG, new RecordingListener(),
        executor)) {
      RelayClient sender = senders.client(relay.address());
      List<CompletableFuture<Void>> sends = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sends.add(sender.send(q.sid(), null, utf8(Integer.toString(i))));
      }
      Await.result(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)));
    }
    Await.until("all messages delivered", () -> events.messages.size() == n);
    for (int i = 0; i < n; i++) {
      String body = new String(q.open(events.messages.get(i).msg()).body(),
          StandardCharsets.UTF_8);
      assertEquals(Integer.toString(i), body, "message at position " + i);
    }
  }

  @Test
  void answersCompleteOffTheEventLoopInTheOrderTheRelaySentThem() throws Exception {
    RelayClient client = pool.client(relay.address());
    Queues q = Queues.create(client, true, QueueMode.CONTACT);
    int n = 500;
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      sends.add(client.send(q.sid(), null, utf8(Integer.toString(i))).whenComplete((v, e) -> {
        order.add(k);
        threads.add(Thread.currentThread().getName());
      }));
    }
    Await.result(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)));
    assertEquals(n, order.size());
    for (int i = 0; i < n; i++) {
      assertEquals(i, order.get(i), "answer at position " + i);
    }
    assertTrue(threads.stream().noneMatch(t -> t.startsWith("parley-relay-client")),
        "an answer completed on an event loop");
  }

  @Test
  void aFireAndForgetAcknowledgementLetsTheNextMessageThrough() throws Exception {
    RelayClient client = pool.client(relay.address());
    Queues q = Queues.create(client, true, QueueMode.CONTACT);
    Await.result(client.send(q.sid(), null, utf8("first")));
    Await.result(client.send(q.sid(), null, utf8("second")));
    Await.until("first MSG", () -> events.messages.size() == 1);

    client.acknowledge(q.rid(), q.rcvPriv(), events.messages.get(0).msg().msgId());
    Await.until("second MSG", () -> events.messages.size() == 2);
    assertEquals("second", new String(q.open(events.messages.get(1).msg()).body(),
        StandardCharsets.UTF_8));
    // A refused one is only logged: the caller has no future to fail.
    client.acknowledge(q.rid(), q.rcvPriv(), new byte[24]);
    Await.result(client.ping());
  }

  @Test
  void theRelaysErrorsCompleteCommandsWithTheirTypedCode() throws Exception {
    RelayClient client = pool.client(relay.address());
    Queues q = Queues.create(client, false, QueueMode.CONTACT);
    Throwable skey = Await.failure(client.secureBySender(q.sid(), q.senderAuth.privateKey(),
        q.senderAuth.publicKey()));
    assertEquals(ErrorCode.CMD_PROHIBITED, assertInstanceOf(RelayErrorException.class, skey)
        .code());
    Throwable ack = Await.failure(client.ack(q.rid(), q.rcvPriv(), new byte[24]));
    assertEquals(ErrorCode.NO_MSG, assertInstanceOf(RelayErrorException.class, ack).code());
    Throwable wrongKey = Await.failure(client.suspend(q.rid(), q.senderAuth.privateKey()));
    assertEquals(ErrorCode.AUTH, assertInstanceOf(RelayErrorException.class, wrongKey).code());
    assertFalse(((RelayErrorException) wrongKey).retryable());
    Throwable seenByHandler = Await.result(
        client.suspend(q.rid(), q.senderAuth.privateKey()).handle((v, e) -> e));
    assertInstanceOf(RelayErrorException.class, seenByHandler, "handlers see it unwrapped");
  }

  @Test
  void aMalformedCommandFailsLocallyWithoutReachingTheRelay() {
    RelayClient client = pool.client(relay.address());
    Throwable t = Await.failure(client.send(new byte[24], null, new byte[16_001]));
    assertInstanceOf(InvalidCommandException.class, t);
    Throwable noKey = Await.failure(client.subscribe(new byte[24], new byte[3]));
    assertInstanceOf(InvalidCommandException.class, noKey);
    assertEquals(0, client.subscriptionCount());
  }

  @Test
  void anotherSubscriberTakesTheQueueAndThisClientForgetsIt() throws Exception {
    RelayClient client = pool.client(relay.address());
    Queues q = Queues.create(client, true, QueueMode.MESSAGING);
    assertEquals(1, client.subscriptionCount());
    RecordingListener otherEvents = new RecordingListener();
    try (RelayClientPool other = new RelayClientPool(CONFIG, otherEvents, executor)) {
      Await.result(other.client(relay.address()).subscribe(q.rid(), q.rcvPriv()));
      Await.until("END", () -> events.ends.size() == 1);
      assertArrayEquals(q.rid(), events.ends.get(0));
      assertEquals(0, client.subscriptionCount());
      Await.result(client.send(q.sid(), null, utf8("to the new subscriber")));
      Await.until("MSG at the new subscriber", () -> otherEvents.messages.size() == 1);
      assertTrue(events.messages.isEmpty());
    }
  }

  @Test
  void afterARelayRestartTheClientReconnectsResubscribesAndReceives() throws Exception {
    RelayClient client = pool.client(relay.address());
    Queues q = Queues.create(client, true, QueueMode.MESSAGING);
    Queues unsubscribed = Queues.create(client, false, QueueMode.MESSAGING);
    Await.until("first session", () -> events.upsOf(relay.address()) == 1);

    relay.restart();
    Await.until("down reported", () -> !events.downs.isEmpty());
    Await.until("second session", () -> events.upsOf(relay.address()) == 2 && client.isUp());
    Await.result(client.send(q.sid(), null, utf8("after restart")));
    Await.result(client.send(unsubscribed.sid(), null, utf8("nobody listens")));

    Await.until("MSG after restart", () -> events.messages.size() == 1);
    assertArrayEquals(q.rid(), events.messages.get(0).recipientId());
    assertEquals("after restart",
        new String(q.open(events.messages.get(0).msg()).body(), StandardCharsets.UTF_8));
    assertTrue(events.messages.stream()
        .noneMatch(m -> Arrays.equals(m.recipientId(), unsubscribed.rid())));
  }

  @Test
  void afterAReconnectEverySubscriptionIsResentInSharedBlocks() throws Exception {
    int queues = 300;
    try (StallingProxy proxy = new StallingProxy(relay.port())) {
      RelayClient client = pool.client(
          new RelayAddress(relay.address().keyHash(), "127.0.0.1", proxy.port()));
      List<Queues> all = new ArrayList<>();
      for (int i = 0; i < queues; i++) {
        all.add(Queues.create(client, true, QueueMode.MESSAGING));
      }
      Await.until("first session", () -> events.ups.size() == 1);
      proxy.bytesToRelay.set(0);
      relay.restart();
      Await.until("second session", () -> events.ups.size() == 2);
      try (RelayClientPool senders = new RelayClientPool(CONFIG, new RecordingListener(),
          executor)) {
        RelayClient sender = senders.client(relay.address());
        for (Queues q : all) {
          sender.send(q.sid(), null, utf8("after reconnect"));
        }
        Await.until("a message on every queue", () -> events.messages.size() == queues);
      }
      // TLS handshake, the client hello block and the SUBs: 300 SUBs fit in two blocks.
      long blocks = proxy.bytesToRelay.get() / ProtocolLimits.BLOCK_BYTES;
      assertTrue(blocks <= 4, "re-subscribing took about " + blocks + " blocks");
    }
  }

  @Test
  void deletingAQueueForgetsItsSubscription() throws Exception {
    RelayClient client = pool.client(relay.address());
    Queues q = Queues.create(client, true, QueueMode.MESSAGING);
    assertEquals(1, client.subscriptionCount());
    Await.result(client.delete(q.rid(), q.rcvPriv()));
    assertEquals(0, client.subscriptionCount());
    Throwable gone = Await.failure(client.send(q.sid(), null, utf8("late")));
    assertEquals(ErrorCode.AUTH, assertInstanceOf(RelayErrorException.class, gone).code());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
