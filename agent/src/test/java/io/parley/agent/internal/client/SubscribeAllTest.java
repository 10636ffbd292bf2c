package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.model.RelayClientConfig;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many queues handed to a relay client at once (an agent's start) are subscribed with SUBs
 * that share blocks, one SUB per queue, and again in shared blocks after the relay restarts;
 * counted by a real in-process relay.
 */
@ExtendWith(LeakCheck.class)
class SubscribeAllTest {
  private static final RelayClientConfig CONFIG = RelayClientConfig.defaults()
      .withReconnectMillis(50, 500).withCommandTimeoutMillis(30_000);
  private static final int QUEUES = 500;
  /** At least this many SUBs share a block on average (a block holds over a hundred). */
  private static final int MIN_SUBS_PER_BLOCK = 20;
  private static final Duration SLOW = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final RecordingListener events = new RecordingListener();
  private RelayFixture relay;
  private RelayClientPool pool;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dir, b -> b.maxNewQueuesPerConnectionPerMinute(
        RelayConfig.MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE));
    pool = new RelayClientPool(CONFIG, events, executor);
  }

  @AfterEach
  void stop() {
    pool.close();
    relay.close();
    executor.shutdownNow();
  }

  @Test
  void fiveHundredQueuesAreSubscribedWithOneSubEachSharingBlocksAndAgainAfterARelayRestart()
      throws Exception {
    List<Queues> queues = unsubscribedQueues(QUEUES);
    Queues holding = queues.get(QUEUES - 1);
    send(holding, "waiting");
    long commandsBefore = relay.relay().counters().commands();
    long blocksBefore = relay.relay().counters().blocksReceived();

    RelayClient client = pool.client(relay.address());
    client.subscribeAll(queues.stream().map(q -> new SubscriptionKey(q.rid(), q.rcvPriv()))
        .toList());
    Await.until("all subscribed", SLOW, () -> client.subscribedCount() == QUEUES);

    long subs = relay.relay().counters().commands() - commandsBefore;
    long blocks = relay.relay().counters().blocksReceived() - blocksBefore;
    assertEquals(QUEUES, subs, "one SUB per queue");
    assertTrue(blocks * MIN_SUBS_PER_BLOCK <= QUEUES, blocks + " blocks for " + subs + " SUBs");
    Await.until("the waiting message", SLOW, () -> events.messages.size() == 1);
    assertEquals("waiting", new String(holding.open(events.messages.get(0).msg()).body(),
        StandardCharsets.UTF_8));
    assertEquals(0, client.resentSubscriptionCount());

    relay.restart();
    Await.until("all subscribed on the new session", SLOW,
        () -> client.isUp() && client.subscribedCount() == QUEUES);
    long subsAgain = relay.relay().counters().commands();
    long blocksAgain = relay.relay().counters().blocksReceived();
    assertEquals(QUEUES, subsAgain, "one SUB per queue after the restart");
    assertTrue(blocksAgain * MIN_SUBS_PER_BLOCK <= QUEUES,
        blocksAgain + " blocks for " + subsAgain + " SUBs");
  }

  private List<Queues> unsubscribedQueues(int n) throws Exception {
    return unsubscribedQueues(relay, executor, n);
  }

  /** Queues made through another client, which never subscribes them. */
  static List<Queues> unsubscribedQueues(RelayFixture relay, ExecutorService executor, int n)
      throws Exception {
    try (RelayClientPool other = new RelayClientPool(CONFIG, new RecordingListener(),
        executor)) {
      RelayClient c = other.client(relay.address());
      List<Queues> made = new ArrayList<>();
      List<CompletableFuture<Response.Ids>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Queues q = new Queues();
        made.add(q);
        answers.add(c.createQueue(q.rcvPriv(), q.recipientAuth.publicKey(),
            q.recipientDh.publicKey(), false, QueueMode.MESSAGING));
      }
      for (int i = 0; i < n; i++) {
        made.get(i).ids = Await.result(answers.get(i), SLOW);
      }
      return made;
    }
  }

  private void send(Queues q, String text) throws Exception {
    try (RelayClientPool other = new RelayClientPool(CONFIG, new RecordingListener(),
        executor)) {
      Await.result(other.client(relay.address()).send(q.sid(), null,
          text.getBytes(StandardCharsets.UTF_8)), SLOW);
    }
  }
}
