package io.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import io.parley.testkit.Await;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appenders and removers on several threads while the journal rolls and compacts online many
 * times: after a restart every queue holds exactly what it held before, in order.
 */
class StoreCompactionStressTest {
  private static final int WORKERS = 4;
  private static final int OPS_PER_WORKER = 1500;

  @TempDir
  Path dir;

  @Test
  void stateAfterRestartMatchesStateBeforeDespiteConcurrentOnlineCompactions()
      throws Exception {
    StoreTuning tiny = new StoreTuning(ChannelOpener.FILES, 32 * 1024, 8 * 1024);
    StoreConfig config = StoreConfig.persistent(dir).withFsyncPolicy(FsyncPolicy.NONE)
        .withQueueQuota(10_000);
    JournalRelayStore s = StoreTestSupport.open(config, tiny);
    List<QueueRecord> queues = new ArrayList<>();
    for (int i = 0; i < WORKERS * 2; i++) {
      queues.add(s.createQueue(new byte[32], new byte[32], QueueMode.MESSAGING).get());
    }
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    List<Future<List<ArrayDeque<byte[]>>>> expected = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      List<QueueRecord> mine = queues.subList(w * 2, w * 2 + 2);
      long seed = w;
      expected.add(pool.submit(() -> work(s, mine, new Random(seed))));
    }
    List<ArrayDeque<byte[]>> held = new ArrayList<>();
    for (Future<List<ArrayDeque<byte[]>>> f : expected) {
      held.addAll(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    // Compaction runs on its own thread and starts only after a batch; on a loaded machine the
    // workers may finish while it still runs, so later batches (on a queue outside the model)
    // give it the chance to catch up. Without online compaction the journal would hold all
    // ~6000 records, about 2 MB.
    QueueRecord poke = s.createQueue(new byte[32], new byte[32], QueueMode.MESSAGING).get();
    long journalBeforeClose = Await.value("the journal compacted below 400 KiB", () -> {
      s.append(poke.recipientId(), false, new byte[16], 0).get();
      StoredMessage m = s.peek(poke.recipientId()).orElseThrow();
      s.remove(poke.recipientId(), m.msgId());
      return StoreTestSupport.journalBytes(dir);
    }, bytes -> bytes < 400 * 1024);
    s.close();

    JournalRelayStore r = StoreTestSupport.open(config, tiny);
    for (int i = 0; i < queues.size(); i++) {
      QueueRecord q = queues.get(i);
      for (byte[] body : held.get(i)) {
        assertArrayEquals(body, RelayStoreContractTest.take(r, q).body());
      }
      assertTrue(r.peek(q.recipientId()).isEmpty());
    }
    assertTrue(r.peek(poke.recipientId()).isEmpty());
    r.close();
    assertTrue(journalBeforeClose < 400 * 1024, "journal not compacted: " + journalBeforeClose);
  }

  /** Random appends and removals on two queues; returns what each queue should still hold. */
  private static List<ArrayDeque<byte[]>> work(JournalRelayStore s, List<QueueRecord> queues,
      Random random) throws Exception {
    List<ArrayDeque<byte[]>> model = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    for (int op = 0; op < OPS_PER_WORKER; op++) {
      int which = random.nextInt(2);
      QueueRecord q = queues.get(which);
      ArrayDeque<byte[]> m = model.get(which);
      if (m.size() > 20 || (!m.isEmpty() && random.nextInt(100) < 45)) {
        StoredMessage head = s.peek(q.recipientId()).orElseThrow();
        assertArrayEquals(m.pollFirst(), head.body());
        assertTrue(s.remove(q.recipientId(), head.msgId()));
      } else {
        byte[] body = new byte[200 + random.nextInt(600)];
        random.nextBytes(body);
        ByteBuffer.wrap(body).putInt(op);
        assertInstanceOf(AppendResult.Appended.class,
            s.append(q.recipientId(), random.nextBoolean(), body, op).get());
        m.addLast(body);
      }
    }
    return model;
  }
}
