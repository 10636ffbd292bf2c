package io.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/**
 * Heap per idle queue, the figure behind the target of a million idle queues in 1 GiB. Prints
 * the measurement; asserts only the target, which leaves a wide margin.
 */
class StoreMemoryFootprintTest {
  private static final int QUEUES = 200_000;
  /** 1 GiB over a million queues. UNIT: bytes. */
  private static final long BUDGET_BYTES_PER_QUEUE = (1L << 30) / 1_000_000;

  @Test
  void idleQueuesFitAMillionInOneGibibyteOfHeap() throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedHeapAfterGc(memory);
    JournalRelayStore s = JournalRelayStore.open(StoreConfig.inMemory());
    for (int i = 0; i < QUEUES; i++) {
      // Fresh key arrays per queue, as the relay receives them.
      s.createQueue(new byte[32], new byte[32], QueueMode.MESSAGING).get();
    }
    long after = usedHeapAfterGc(memory);
    assertEquals(QUEUES, s.queueCount());
    long perQueue = (after - before) / QUEUES;
    System.out.printf("heap per idle queue: %d bytes (%d queues, %.1f MiB)%n",
        perQueue, QUEUES, (after - before) / 1048576.0);
    assertTrue(perQueue <= BUDGET_BYTES_PER_QUEUE, perQueue + " bytes per queue");
    s.close();
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      memory.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
