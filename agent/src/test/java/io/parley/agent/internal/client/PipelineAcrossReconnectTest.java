package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.model.RelayClientConfig;
import io.parley.agent.internal.delivery.Deliveries;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.delivery.RetryPolicy;
import io.parley.agent.internal.delivery.RetryScheduler;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.store.ConnectionRole;
import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.OutMessageKind;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.SndQueueStatus;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery worker's pipeline across a relay session that ends while a SEND is in flight: the
 * SENDs made before the worker hears of the failure must not reach the next session ahead of
 * the one that failed. Real relay, real TLS through a proxy that holds and cuts the bytes.
 */
@ExtendWith(LeakCheck.class)
class PipelineAcrossReconnectTest {
  private static final RelayClientConfig CONFIG = RelayClientConfig.defaults()
      .withReconnectMillis(50, 200).withCommandTimeoutMillis(10_000);
  private static final String CONNECTION = "c1";

  @TempDir Path dir;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    executor.shutdownNow();
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    closeables.add(0, c);
    return c;
  }

  @Test
  void aSendMadeAfterTheSessionEndedWaitsBehindTheFailedOneInsteadOfOvertakingIt()
      throws Exception {
    RelayFixture relay = closeLater(RelayFixture.start(dir.resolve("relay")));
    RecordingListener received = new RecordingListener();
    RelayClient recipient = closeLater(new RelayClientPool(CONFIG, received, executor))
        .client(relay.address());
    Queues q = Queues.create(recipient, true, QueueMode.CONTACT);
    received.onEachMessage = m -> recipient.ack(q.rid(), q.rcvPriv(), m.msg().msgId());

    StallingProxy proxy = closeLater(new StallingProxy(relay.port()));
    RelayAddress viaProxy =
        new RelayAddress(relay.address().keyHash(), "127.0.0.1", proxy.port());
    RelayClientPool senders = closeLater(new RelayClientPool(CONFIG, new RecordingListener(),
        executor));
    // The first message's acceptance holds the client's completion queue, as a loaded machine
    // does: the failure of a SEND in flight then reaches the worker only after it sent more.
    CountDownLatch firstAccepted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Deliveries deliveries = new Deliveries(
        closeLater(Database.open(dir.resolve("agent"))), connectionTo(viaProxy, q), senders,
        closeLater(new RetryScheduler(executor)), executor, Clock.systemUTC(),
        new RetryPolicy(50, 200), 32, (s, item) -> {
          if (item.agentMsgId() == 1) {
            firstAccepted.countDown();
            awaitQuietly(release);
          }
          return null;
        });
    closeables.add(0, deliveries::stopAll);
    RelayClient sender = senders.client(viaProxy);

    deliveries.enqueue(CONNECTION, item(1));
    assertTrue(firstAccepted.await(30, TimeUnit.SECONDS), "the first SEND was accepted");
    Object firstSession = sender.session();
    proxy.stall();
    // Handed to the first session before this returns; the proxy keeps it from the relay.
    deliveries.enqueue(CONNECTION, item(2));
    proxy.cutAll();
    proxy.resume();
    Await.until("the next session is up", () -> sender.isUp()
        && sender.session() != null && sender.session() != firstSession);
    deliveries.enqueue(CONNECTION, item(3));
    release.countDown();

    Await.until("three messages arrived", () -> received.messages.size() >= 3);
    List<String> order = new ArrayList<>();
    for (RecordingListener.Message m : received.messages.subList(0, 3)) {
      order.add(new String(q.open(m.msg()).body(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of("m1", "m2", "m3"), order);
  }

  private static Connections connectionTo(RelayAddress relay, Queues q) throws Exception {
    long now = System.currentTimeMillis();
    ConnectionState s = new ConnectionState(new ConnectionRow(CONNECTION, null,
        ConnectionStatus.ESTABLISHED, ConnectionRole.INVITER, false, null, null, null, null,
        null, 0, null, 0, null, now, now, "default", null));
    // A contact address queue: never secured, so its SENDs go unsigned.
    s.putSnd(new SndQueueRow(1, CONNECTION, relay.toString(), q.sid(), null,
        X25519.generate().privateKey(), X25519.generate().publicKey(), SndQueueStatus.ACTIVE,
        now, now));
    Connections connections = new Connections();
    connections.put(s);
    return connections;
  }

  /** A control item: the worker sends its payload as is, so the recipient reads it plainly. */
  private static OutItem item(long seq) {
    return new OutItem(OutItem.idOf(CONNECTION, seq), seq, OutMessageKind.CONTROL,
        ("m" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
