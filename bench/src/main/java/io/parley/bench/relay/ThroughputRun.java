package io.parley.bench.relay;

import io.parley.bench.common.LatencyRecorder;
import io.parley.bench.common.Percentiles;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.client.Reply;
import io.parley.relay.client.UnexpectedReplyException;
import io.parley.relay.server.RelayCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Message traffic: N senders and N recipients, each on its own TLS connection, one queue per
 * pair. Senders pipeline full-size SENDs (up to {@code window} in flight per pair), recipients
 * ACK each MSG at once. Counts messages through SEND -> MSG -> ACK and the latency from just
 * before the SEND is written to the MSG's arrival (both clocks are this JVM's).
 */
final class ThroughputRun {
  /** Every body is the largest allowed, as real agents pad theirs. UNIT: bytes. */
  static final int BODY_BYTES = ProtocolLimits.MAX_MESSAGE_BYTES;
  /** Longest a paced sender catches up in one burst after falling behind. UNIT: nanoseconds. */
  private static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** What the run measured. Latencies in microseconds. */
  record Result(long messages, double seconds, long p50Micros, long p99Micros, long maxMicros,
      long errors, Map<String, Long> cpuNanosByRole, Map<String, Long> kernelNanosByRole,
      long blocksIn, long blocksOut) {
    double messagesPerSecond() {
      return messages / seconds;
    }
  }

  private final LoadOptions options;
  private final RelayAddress address;
  private final RelayCounters counters;
  private final List<Pair> pairs = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean measuring;
  private volatile boolean stopping;

  /** @param counters the in-process relay's counters, or null for an external relay */
  ThroughputRun(LoadOptions options, RelayAddress address, RelayCounters counters) {
    this.options = options;
    this.address = address;
    this.counters = counters;
  }

  /** One queue with its two connections. */
  private final class Pair {
    final BlockingRelayClient sender;
    final BlockingRelayClient recipient;
    final ClientQueue queue;
    final X25519.KeyPair senderKey = X25519.generate();
    final Semaphore window = new Semaphore(options.window());
    final LatencyRecorder latencies = new LatencyRecorder();

    Pair() throws Exception {
      recipient = BlockingRelayClient.connect(address, 0);
      sender = BlockingRelayClient.connect(address, 0);
      queue = recipient.createQueue(true, QueueMode.MESSAGING);
      Response r = sender.request(sender.senderKey(queue.senderId(), senderKey.privateKey(),
          senderKey.publicKey()));
      if (!(r instanceof Response.Ok)) {
        throw new UnexpectedReplyException("SKEY", r);
      }
    }
  }

  Result run(PrintStream log) throws Exception {
    for (int i = 0; i < options.pairs(); i++) {
      pairs.add(new Pair());
    }
    long pacingNanos = options.rate() == 0 ? 0 : 1_000_000_000L * options.pairs() / options.rate();
    for (Pair p : pairs) {
      start("sender", () -> sendLoop(p, pacingNanos));
      start("sender-replies", () -> senderReplies(p));
      start("recipient", () -> receiveLoop(p));
    }
    log.println("warming up for " + options.warmupSeconds() + " s");
    Thread.sleep(options.warmupSeconds() * 1000L);
    received.set(0);
    CpuMeter cpu = new CpuMeter();
    cpu.start();
    long inBefore = counters == null ? 0 : counters.blocksReceived();
    long outBefore = counters == null ? 0 : counters.blocksSent();
    measuring = true;
    long start = System.nanoTime();
    Thread.sleep(options.seconds() * 1000L);
    measuring = false;
    double seconds = (System.nanoTime() - start) / 1e9;
    long messages = received.get();
    Map<String, Long> cpuNanos = cpu.stop();
    long blocksIn = counters == null ? 0 : counters.blocksReceived() - inBefore;
    long blocksOut = counters == null ? 0 : counters.blocksSent() - outBefore;
    stop();
    List<LatencyRecorder> recorders = new ArrayList<>();
    pairs.forEach(p -> recorders.add(p.latencies));
    Percentiles latency = LatencyRecorder.merged(recorders);
    return new Result(messages, seconds, latency.micros(50), latency.micros(99),
        latency.micros(100),
        errors.get(), cpuNanos, cpu.kernelNanosByRole(), blocksIn, blocksOut);
  }

  private interface Loop {
    void run() throws Exception;
  }

  private void start(String name, Loop loop) {
    Thread t = new Thread(() -> {
      try {
        loop.run();
      } catch (Exception e) {
        if (!stopping) {
          errors.incrementAndGet();
          System.err.println(name + " failed: " + e);
        }
      }
    }, "load-" + name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void sendLoop(Pair p, long pacingNanos) throws Exception {
    byte[] template = new byte[BODY_BYTES];
    long next = System.nanoTime();
    while (!stopping) {
      if (!p.window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      if (pacingNanos > 0) {
        next = Math.max(next + pacingNanos, System.nanoTime() - MAX_CATCH_UP_NANOS);
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      // The template can be reused: sendMessage encodes (copies) it at once.
      ByteBuffer.wrap(template).putLong(0, System.nanoTime());
      p.sender.send(p.sender.sendMessage(p.queue.senderId(), p.senderKey.privateKey(), false,
          template));
    }
  }

  private void senderReplies(Pair p) throws IOException {
    while (!stopping) {
      Reply r = p.sender.receive();
      if (!(r.response() instanceof Response.Ok)) {
        errors.incrementAndGet();
        p.window.release(); // that message will never arrive
      }
    }
  }

  private void receiveLoop(Pair p) throws Exception {
    byte[] rk = p.queue.recipientAuth().privateKey();
    MessageOpener opener = new MessageOpener();
    while (!stopping) {
      Reply r = p.recipient.receive();
      if (r.response() instanceof Response.Msg m) {
        long now = System.nanoTime();
        long sentAt = opener.senderTimestamp(p.queue.deliveryKey(), m);
        if (measuring) {
          p.latencies.record(now - sentAt);
          received.incrementAndGet();
        }
        p.recipient.send(p.recipient.ack(p.queue.recipientId(), rk, m.msgId()));
        p.window.release();
      } else if (!(r.response() instanceof Response.Ok)) {
        errors.incrementAndGet();
      }
    }
  }

  private void stop() throws InterruptedException {
    stopping = true;
    for (Pair p : pairs) {
      closeQuietly(p.sender);
      closeQuietly(p.recipient);
    }
    for (Thread t : threads) {
      t.join(5_000);
    }
  }

  private static void closeQuietly(BlockingRelayClient c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing to stop; nothing to do
    }
  }
}
