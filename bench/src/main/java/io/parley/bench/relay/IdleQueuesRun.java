package io.parley.bench.relay;

import io.parley.protocol.Transmission;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.UnexpectedReplyException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates many idle subscribed queues on an in-process relay and reports the heap each one
 * costs: live heap after a full GC, before and after. Queues are created over a few
 * connections with pipelined NEWs; a connection reuses its keys, which changes nothing on the
 * relay (it stores a copy of each key per queue).
 */
final class IdleQueuesRun {
  /** Connections the queues are spread over (all stay subscribed). */
  static final int CONNECTIONS = 4;
  /** NEW commands in flight per connection. */
  static final int PIPELINE = 128;

  /** What the run measured. */
  record Result(long queues, long heapBytesBefore, long heapBytesAfter, double seconds) {
    double bytesPerQueue() {
      return (heapBytesAfter - heapBytesBefore) / (double) queues;
    }
  }

  private final RelayAddress address;
  private final int queues;

  IdleQueuesRun(RelayAddress address, int queues) {
    this.address = address;
    this.queues = queues;
  }

  Result run(PrintStream log) throws Exception {
    List<BlockingRelayClient> clients = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      clients.add(BlockingRelayClient.connect(address, 0));
    }
    long before = liveHeap();
    long start = System.nanoTime();
    AtomicLong created = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      BlockingRelayClient c = clients.get(i);
      int share = queues / CONNECTIONS + (i < queues % CONNECTIONS ? 1 : 0);
      Thread t = new Thread(() -> {
        try {
          create(c, share, created, log);
        } catch (Exception e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "load-idle-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long after = liveHeap();
    for (BlockingRelayClient c : clients) {
      c.close();
    }
    return new Result(created.get(), before, after, seconds);
  }

  private static void create(BlockingRelayClient c, int count, AtomicLong created,
      PrintStream log) throws Exception {
    X25519.KeyPair auth = X25519.generate();
    X25519.KeyPair dh = X25519.generate();
    int done = 0;
    while (done < count) {
      int n = Math.min(PIPELINE, count - done);
      List<Transmission> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(c.newQueue(auth.privateKey(), auth.publicKey(), dh.publicKey(), true,
            QueueMode.MESSAGING));
      }
      c.send(batch);
      for (int i = 0; i < n; i++) {
        Response r = c.receive().response();
        if (!(r instanceof Response.Ids)) {
          throw new UnexpectedReplyException("NEW", r);
        }
      }
      done += n;
      long total = created.addAndGet(n);
      if (total % 100_000 < n) {
        log.println("  " + total + " queues");
      }
    }
  }

  /** Heap in use after full collections (System.gc is a request; several make it stick). */
  static long liveHeap() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
