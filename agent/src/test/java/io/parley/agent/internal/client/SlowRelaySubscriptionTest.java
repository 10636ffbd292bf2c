package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.model.RelayClientConfig;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay that takes SUBs and answers them only after the command timeout, as one that is
 * busy with the X25519 agreement of each SUB does: every queue still ends subscribed with one
 * SUB, counted by the real relay, not one per timeout. The relay sits behind a proxy that holds
 * its answers.
 */
@ExtendWith(LeakCheck.class)
class SlowRelaySubscriptionTest {
  private static final long TIMEOUT_MILLIS = 300;
  private static final RelayClientConfig CONFIG = RelayClientConfig.defaults()
      .withReconnectMillis(50, 500).withCommandTimeoutMillis(TIMEOUT_MILLIS);
  /** Fewer than the first window, so every SUB is under way before any answer. */
  private static final int QUEUES = Math.min(200, Resubscription.INITIAL_WINDOW_SUBS);
  private static final Duration SLOW = Duration.ofSeconds(60);
  private static final String LOOPBACK = "127.0.0.1";

  @TempDir Path dir;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private RelayFixture relay;
  private StallingProxy proxy;
  private RelayClientPool pool;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dir, b -> b.maxNewQueuesPerConnectionPerMinute(
        RelayConfig.MAX_NEW_QUEUES_PER_CONNECTION_PER_MINUTE));
    proxy = new StallingProxy(relay.port());
    pool = new RelayClientPool(CONFIG, new RecordingListener(), executor);
  }

  @AfterEach
  void stop() {
    pool.close();
    proxy.close();
    relay.close();
    executor.shutdownNow();
  }

  @Test
  void subsAnsweredAfterTheCommandTimeoutSubscribeEveryQueueWithOneSubEachAndCountAsLate()
      throws Exception {
    List<Queues> queues = SubscribeAllTest.unsubscribedQueues(relay, executor, QUEUES);
    RelayClient client = pool.client(new RelayAddress(relay.address().keyHash(), LOOPBACK,
        proxy.port()));
    Await.until("the session up", SLOW, client::isUp);
    long commandsBefore = relay.relay().counters().commands();

    proxy.holdAnswers();
    long sentAt = System.nanoTime();
    client.subscribeAll(queues.stream().map(q -> new SubscriptionKey(q.rid(), q.rcvPriv()))
        .toList());
    Await.until("every SUB at the relay", SLOW,
        () -> relay.relay().counters().commands() - commandsBefore == QUEUES);
    // What is awaited is the passing of the timeout itself: the answers must come after it.
    Await.until("the command timeout passed", SLOW, () -> System.nanoTime() - sentAt
        > TimeUnit.MILLISECONDS.toNanos(2 * TIMEOUT_MILLIS));
    proxy.releaseAnswers();
    Await.until("every queue subscribed", SLOW, () -> client.subscribedCount() == QUEUES);

    assertEquals(QUEUES, relay.relay().counters().commands() - commandsBefore,
        "one SUB per queue reached the relay, none sent again after the timeout");
    assertEquals(QUEUES, client.sentSubscriptionCount());
    assertEquals(QUEUES, client.lateSubscriptionCount(), "every answer came after the timeout");
    assertEquals(0, client.resentSubscriptionCount());
    assertEquals(0, relay.commandErrors());
  }
}
