package io.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent appenders under group commit: every acknowledged message is there after a restart,
 * in order per queue. Prints the throughput; timing is not asserted (shared machines vary).
 */
class StoreThroughputTest {
  private static final int APPENDERS = 8;
  private static final int MESSAGES_PER_APPENDER = 250;
  private static final int BODY_BYTES = 16 * 1024;

  @TempDir
  Path dir;

  @Test
  void concurrentGroupCommitAppendersLoseNothingAndKeepEachQueueInOrder() throws Exception {
    StoreConfig config = StoreTestSupport.config(dir, FsyncPolicy.ALWAYS)
        .withQueueQuota(MESSAGES_PER_APPENDER);
    JournalRelayStore s = JournalRelayStore.open(config);
    List<QueueRecord> queues = new ArrayList<>();
    for (int i = 0; i < APPENDERS; i++) {
      queues.add(s.createQueue(new byte[32], new byte[32], QueueMode.MESSAGING).get());
    }
    ExecutorService pool = Executors.newFixedThreadPool(APPENDERS);
    long start = System.nanoTime();
    List<Future<?>> runs = new ArrayList<>();
    for (QueueRecord q : queues) {
      runs.add(pool.submit(() -> {
        for (int i = 0; i < MESSAGES_PER_APPENDER; i++) {
          CompletableFuture<AppendResult> f =
              s.append(q.recipientId(), false, numbered(i), i);
          assertInstanceOf(AppendResult.Appended.class, f.get(30, TimeUnit.SECONDS));
        }
        return null;
      }));
    }
    for (Future<?> run : runs) {
      run.get(120, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    int total = APPENDERS * MESSAGES_PER_APPENDER;
    System.out.printf("group commit: %d appends of %d bytes by %d appenders in %.2f s: "
            + "%.0f appends/s, %.1f MiB/s%n", total, BODY_BYTES, APPENDERS, seconds,
        total / seconds, total * (double) BODY_BYTES / seconds / 1048576);
    s.close();

    JournalRelayStore r = JournalRelayStore.open(config);
    for (QueueRecord q : queues) {
      for (int i = 0; i < MESSAGES_PER_APPENDER; i++) {
        StoredMessage m = RelayStoreContractTest.take(r, q);
        assertArrayEquals(numbered(i), m.body());
      }
      assertTrue(r.peek(q.recipientId()).isEmpty());
    }
    assertEquals(APPENDERS, r.queueCount());
    r.close();
  }

  private static byte[] numbered(int i) {
    byte[] body = new byte[BODY_BYTES];
    ByteBuffer.wrap(body).putInt(i).putInt(BODY_BYTES - 4, ~i);
    return body;
  }
}
