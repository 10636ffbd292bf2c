package io.parley.agent.internal.client;

import io.parley.agent.model.RelayClientConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.Tls;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How the relay client fails: typed, bounded in time, and without harming other relays. */
@ExtendWith(LeakCheck.class)
class RelayClientFailureTest {
  private static final long RECONNECT_MIN_MILLIS = 100;
  private static final RelayClientConfig CONFIG = RelayClientConfig.defaults()
      .withReconnectMillis(RECONNECT_MIN_MILLIS, 1_000).withCommandTimeoutMillis(10_000);
  private static final String LOOPBACK = "127.0.0.1";

  @TempDir Path dir;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final RecordingListener events = new RecordingListener();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private RelayFixture relay;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    relay.close();
    executor.shutdownNow();
  }

  private RelayClientPool pool(RelayClientConfig config) {
    RelayClientPool p = new RelayClientPool(config, events, executor);
    closeables.add(0, p);
    return p;
  }

  private StallingProxy proxy() throws Exception {
    StallingProxy p = new StallingProxy(relay.port());
    closeables.add(p);
    return p;
  }

  private RelayAddress via(StallingProxy proxy) {
    return new RelayAddress(relay.address().keyHash(), LOOPBACK, proxy.port());
  }

  @Test
  void aWrongKeyHashIsReportedAsAnIdentityMismatchAndRetriedWithBackoff() {
    RelayAddress impostor =
        new RelayAddress(TestIdentities.other().keyHash(), LOOPBACK, relay.port());
    RelayClientPool pool = pool(CONFIG);
    long startNanos = System.nanoTime();
    RelayClient client = pool.client(impostor);
    Throwable t = Await.failure(client.ping());
    assertInstanceOf(RelayUnavailableException.class, t);
    assertTrue(Tls.isIdentityMismatch(t), "cause chain lacks the identity mismatch: " + t);

    Await.until("three failed attempts", () -> events.downs.size() >= 3);
    for (RecordingListener.Down d : events.downs) {
      assertEquals(impostor, d.relay());
      assertTrue(Tls.isIdentityMismatch(d.cause()), "onDown cause: " + d.cause());
    }
    // Retries 1 and 2 wait at least min/2 and min: the third failure cannot come sooner.
    // (Listener lag only makes the recorded time later, so this cannot fail spuriously.)
    long thirdMillis =
        TimeUnit.NANOSECONDS.toMillis(events.downs.get(2).atNanos() - startNanos);
    long floorMillis = RECONNECT_MIN_MILLIS / 2 + RECONNECT_MIN_MILLIS;
    assertTrue(thirdMillis >= floorMillis, "third attempt failed after " + thirdMillis + " ms");
    assertTrue(events.ups.isEmpty());
    assertFalse(client.isUp());
  }

  @Test
  void aPendingCommandFailsAsUnavailableWhenTheRelayGoesAway() throws Exception {
    StallingProxy proxy = proxy();
    RelayClient client = pool(CONFIG).client(via(proxy));
    Await.result(client.ping());
    proxy.stall();
    CompletableFuture<Void> pending = client.ping();
    assertFalse(pending.isDone());
    proxy.cutAll();
    RelayClientException e =
        assertInstanceOf(RelayUnavailableException.class, Await.failure(pending));
    assertTrue(e.retryable());
    Await.until("down reported", () -> !events.downs.isEmpty());
  }

  @Test
  void aSendPinnedToASessionThatEndedFailsAndNeverReachesTheSessionAfterIt() throws Exception {
    StallingProxy proxy = proxy();
    RelayClient client = pool(CONFIG).client(via(proxy));
    Queues q = Queues.create(client, true, QueueMode.CONTACT);
    Object first = client.session();
    proxy.stall();
    CompletableFuture<Void> inFlight = client.sendOn(first, q.sid(), null, utf8("lost-1"));
    proxy.cutAll();
    assertInstanceOf(RelayUnavailableException.class, Await.failure(inFlight));
    proxy.resume();
    Await.until("the next session is up",
        () -> client.isUp() && client.session() != null && client.session() != first);

    // A pipeline's later SEND must not overtake the one that failed: it fails too.
    Throwable late = Await.failure(client.sendOn(first, q.sid(), null, utf8("lost-2")));
    assertInstanceOf(RelayUnavailableException.class, late);
    assertTrue(((RelayClientException) late).retryable());
    Await.result(client.sendOn(client.session(), q.sid(), null, utf8("kept")));

    Await.until("the kept message arrives", () -> !events.messages.isEmpty());
    assertEquals("kept", new String(q.open(events.messages.get(0).msg()).body(),
        StandardCharsets.UTF_8), "only the SEND made on the live session reached the relay");
  }

  @Test
  void aStoppedRelayFailsCommandsFastWhileTheClientBacksOff() throws Exception {
    RelayClient client = pool(CONFIG).client(relay.address());
    Await.result(client.ping());
    relay.stop();
    Await.until("down reported", () -> !events.downs.isEmpty());
    long start = System.nanoTime();
    Throwable t = Await.failure(client.ping());
    assertInstanceOf(RelayUnavailableException.class, t);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
  }

  @Test
  void aCommandWithoutAnAnswerTimesOutWithATypedException() throws Exception {
    StallingProxy proxy = proxy();
    RelayClient client = pool(CONFIG.withCommandTimeoutMillis(300)).client(via(proxy));
    Await.result(client.ping());
    proxy.stall();
    Throwable t = Await.failure(client.ping());
    assertInstanceOf(RelayTimeoutException.class, t);
    proxy.resume();
    Await.result(client.ping());
  }

  @Test
  void aRelayThatAnswersNoPingsIsDroppedAndReconnected() throws Exception {
    StallingProxy proxy = proxy();
    RelayClient client = pool(CONFIG.withPing(100, 2)).client(via(proxy));
    Await.until("first session", () -> events.ups.size() == 1);
    proxy.stall();
    Await.until("session dropped", () -> !events.downs.isEmpty());
    assertInstanceOf(RelayTimeoutException.class, events.downs.get(0).cause());
    proxy.resume();
    Await.until("second session", () -> events.ups.size() == 2);
    Await.result(client.ping());
  }

  @Test
  void deadAndHangingRelaysDoNotDelayCommandsToALiveOne() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    StallingProxy hanging = proxy();
    hanging.stall();
    RelayClientPool pool = pool(CONFIG);
    RelayClient dead = pool.client(
        new RelayAddress(relay.address().keyHash(), LOOPBACK, closedPort));
    RelayClient hung = pool.client(via(hanging));
    List<CompletableFuture<Void>> stuck = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      stuck.add(dead.ping());
      stuck.add(hung.ping());
    }
    RelayClient live = pool.client(relay.address());
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      Await.result(live.ping());
    }
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(millis < 3_000, "20 pings to the live relay took " + millis + " ms");
    assertTrue(stuck.stream().noneMatch(f -> f.isDone() && !f.isCompletedExceptionally()),
        "a command to a dead relay succeeded");
  }

  @Test
  void commandsBeyondThePendingLimitAreRefusedAsBusy() throws Exception {
    StallingProxy proxy = proxy();
    RelayClient client = pool(CONFIG.withMaxPendingCommands(10)).client(via(proxy));
    Await.result(client.ping());
    proxy.stall();
    List<CompletableFuture<Void>> held = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      held.add(client.ping());
    }
    assertInstanceOf(RelayBusyException.class, Await.failure(client.ping()));
    proxy.resume();
    for (CompletableFuture<Void> f : held) {
      Await.result(f);
    }
    Await.result(client.ping());
  }

  @Test
  void aClosedClientRefusesCommandsAndThePoolReplacesIt() throws Exception {
    RelayClientPool pool = pool(CONFIG);
    RelayClient first = pool.client(relay.address());
    Await.result(first.ping());
    first.close();
    assertTrue(first.isClosed());
    assertInstanceOf(RelayUnavailableException.class, Await.failure(first.ping()));
    RelayClient second = pool.client(relay.address());
    assertTrue(second != first && !second.isClosed());
    Await.result(second.ping());
  }

  @Test
  void closingThePoolFailsPendingCommandsAndRefusesNewClients() throws Exception {
    StallingProxy proxy = proxy();
    RelayClientPool pool = pool(CONFIG);
    RelayClient client = pool.client(via(proxy));
    Await.result(client.ping());
    proxy.stall();
    CompletableFuture<Void> pending = client.ping();
    pool.close();
    assertInstanceOf(RelayUnavailableException.class, Await.failure(pending));
    assertInstanceOf(RelayUnavailableException.class, Await.failure(client.ping()));
    assertTrue(assertThrows(IllegalStateException.class,
        () -> pool.client(relay.address())).getMessage().contains("closed"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
