package io.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.testkit.Await;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The contract against a memory-only store, plus what only the memory store can show. */
class MemoryRelayStoreTest extends RelayStoreContractTest {

  @Override
  protected RelayStore newStore(int quota) throws Exception {
    return JournalRelayStore.open(StoreConfig.inMemory().withQueueQuota(quota));
  }

  @Test
  void idCollisionIsRetriedWithFreshIds() throws Exception {
    byte[] taken = new byte[24];
    Arrays.fill(taken, (byte) 7);
    AtomicInteger calls = new AtomicInteger();
    // Draws: (taken, a), then (taken, b) which collides on the recipient id, then fresh ids.
    JournalRelayStore s = JournalRelayStore.open(StoreConfig.inMemory(), () -> {
      int n = calls.getAndIncrement();
      if (n == 0 || n == 2) {
        return taken.clone();
      }
      byte[] id = new byte[24];
      Arrays.fill(id, (byte) (n + 10));
      return id;
    });
    QueueRecord first = Await.result(s.createQueue(key(1), key(2), QueueMode.MESSAGING));
    QueueRecord second = Await.result(s.createQueue(key(1), key(2), QueueMode.MESSAGING));

    assertArrayEquals(taken, first.recipientId());
    assertTrue(!Arrays.equals(taken, second.recipientId()));
    assertEquals(6, calls.get());
    assertEquals(2, s.queueCount());
    s.close();
  }
}
