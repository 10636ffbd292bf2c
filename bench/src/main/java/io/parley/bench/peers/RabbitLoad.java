package io.parley.bench.peers;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.parley.bench.common.BenchException;
import io.parley.bench.common.BenchMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Parley's load shapes against RabbitMQ, as RabbitMQ's own durability asks: a durable queue per
 * pair ({@code quorum} by default), persistent messages, publisher confirms (a publish counts
 * as sent once confirmed) and manual acks. Each pair keeps at most {@code --window} messages
 * published and not yet consumed, as the relay's load tool does. Prints
 * {@code throughput: N messages in S s = X msg/s}. Run by bench/peers/rabbitmq.sh.
 */
public final class RabbitLoad {
  private static final String QUEUE_PREFIX = "parley-bench-";
  /** Deadline of the last confirms and acks at the end. UNIT: seconds. */
  private static final long DRAIN_SECONDS = 30;

  private RabbitLoad() {}

  public static void main(String[] args) {
    BenchMain.run(new RabbitOptions.Flags(), args, RabbitOptions::from, RabbitLoad::run);
  }

  static void run(RabbitOptions o, PrintStream out) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(o.host());
    factory.setPort(o.port());
    factory.setUsername(o.user());
    factory.setPassword(o.password());
    if (o.caCert() != null) {
      factory.useSslProtocol(pinned(o));
    }
    out.printf(Locale.ROOT, "RabbitMQ %s queues, %d pairs, window %d, %d-byte persistent bodies,"
        + " publisher confirms, manual acks, %s; %d cores%n", o.queueType(), o.pairs(),
        o.window(), o.bytes(), o.caCert() != null ? "TLS 1.3" : "plain AMQP",
        Runtime.getRuntime().availableProcessors());
    AtomicLong consumed = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Connection> connections = new ArrayList<>();
    List<Thread> producers = new ArrayList<>();
    try {
      for (int i = 0; i < o.pairs(); i++) {
        Connection pc = factory.newConnection("parley-bench-producer-" + i);
        Connection cc = factory.newConnection("parley-bench-consumer-" + i);
        connections.add(pc);
        connections.add(cc);
        String queue = QUEUE_PREFIX + i;
        Channel admin = cc.createChannel();
        admin.queueDelete(queue);
        admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", o.queueType()));
        admin.close();
        Semaphore window = new Semaphore(o.window());
        Channel consumer = cc.createChannel();
        consumer.basicQos(o.window());
        consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
          @Override
          public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props,
              byte[] body) throws IOException {
            getChannel().basicAck(env.getDeliveryTag(), false);
            consumed.incrementAndGet();
            window.release();
          }
        });
        Channel producer = pc.createChannel();
        producer.confirmSelect();
        Thread t = new Thread(() -> produce(producer, queue, window, o.bytes(), running),
            "producer-" + i);
        producers.add(t);
      }
      producers.forEach(Thread::start);
      TimeUnit.SECONDS.sleep(o.warmupSeconds()); // a measuring period, not synchronisation
      long before = consumed.get();
      long start = System.nanoTime();
      TimeUnit.SECONDS.sleep(o.seconds());
      long messages = consumed.get() - before;
      double seconds = (System.nanoTime() - start) / 1e9;
      running.set(false);
      for (Thread t : producers) {
        t.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
      }
      out.printf(Locale.ROOT, "throughput: %d messages in %.1f s = %.0f msg/s (publish ->"
          + " confirm, deliver -> ack)%n", messages, seconds, messages / seconds);
      if (messages == 0) {
        throw new BenchException("no message went through");
      }
    } finally {
      running.set(false);
      for (Connection c : connections) {
        try {
          c.close();
        } catch (IOException | RuntimeException e) {
          // Closing at the end of the run; the broker drops what is left.
        }
      }
    }
  }

  /**
   * Publishes while running, one window permit per message; confirms are taken as they come
   * (a pipelining publisher, as the broker's own guidance has it) and a NACK fails the run. At
   * the end every publish must have been confirmed.
   */
  private static void produce(Channel ch, String queue, Semaphore window, int bytes,
      AtomicBoolean running) {
    byte[] body = new byte[bytes];
    AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
    AtomicBoolean nacked = new AtomicBoolean();
    ch.addConfirmListener((tag, multiple) -> { }, (tag, multiple) -> nacked.set(true));
    try {
      while (running.get() && !nacked.get()) {
        if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          ch.basicPublish("", queue, persistent, body);
        }
      }
      ch.waitForConfirmsOrDie(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
    } catch (IOException | InterruptedException | TimeoutException e) {
      throw new IllegalStateException("publishing failed: " + e, e);
    }
    if (nacked.get()) {
      throw new IllegalStateException("the broker refused a publish (NACK)");
    }
  }

  private static SSLContext pinned(RabbitOptions o) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(o.caCert())) {
      trust.setCertificateEntry("broker",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
