package io.parley.agent.testing;

import io.parley.agent.internal.client.RelayClient;
import io.parley.agent.model.RelayClientConfig;
import io.parley.agent.internal.client.RelayClientListener;
import io.parley.agent.internal.client.RelayClientPool;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare relay client for tests that act behind an agent's back (with keys read from its
 * database): take a queue's messages away, or send bytes again. Thread-safe.
 */
public final class RawRelayClient implements AutoCloseable {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final LinkedBlockingQueue<Response.Msg> messages = new LinkedBlockingQueue<>();
  private final RelayClientPool pool;

  public RawRelayClient() {
    pool = new RelayClientPool(RelayClientConfig.defaults(), new RelayClientListener() {
      @Override
      public void onMessage(RelayAddress relay, byte[] recipientId, Response.Msg msg) {
        messages.add(msg);
      }

      @Override
      public void onEnd(RelayAddress relay, byte[] recipientId) {}

      @Override
      public void onUp(RelayAddress relay) {}

      @Override
      public void onDown(RelayAddress relay, Throwable cause) {}
    }, executor);
  }

  public RelayClient client(RelayAddress relay) {
    return pool.client(relay);
  }

  /** The next message delivered to a queue this client subscribed. */
  public Response.Msg next(Duration timeout) throws InterruptedException {
    Response.Msg m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("no message from the relay within " + timeout);
    }
    return m;
  }

  @Override
  public void close() {
    pool.close();
    executor.shutdownNow();
  }
}
