package io.parley.bots.notifier.testing;

import io.parley.bots.notifier.delivery.ChatGateway;
import io.parley.bots.notifier.delivery.ChatUnavailableException;
import io.parley.bots.notifier.delivery.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An in-memory stand-in for the daemon with its idempotency semantics: a repeated key for a
 * connection queues nothing new. A failure rule can make sends fail, and "lose the answer" mode
 * queues the message and still reports the daemon unavailable. Thread-safe.
 */
public final class RecordingGateway implements ChatGateway {
  /** One queued message. */
  public record Sent(String connectionId, String text, String idempotencyKey) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private Function<String, GatewayException> failure = conn -> null;
  private boolean loseAnswers;
  private boolean ready = true;

  /** Makes sends to a connection fail with the exception the rule returns (null: succeed). */
  public synchronized void failWith(Function<String, GatewayException> rule) {
    this.failure = rule;
  }

  /** What {@link #ready()} answers, as a daemon that is up or down would. */
  public synchronized void ready(boolean up) {
    this.ready = up;
  }

  @Override
  public synchronized boolean ready() {
    return ready;
  }

  /** Queues but then reports the daemon unavailable, as when the 202 is lost. */
  public synchronized void loseAnswers(boolean lose) {
    this.loseAnswers = lose;
  }

  @Override
  public synchronized void send(String connectionId, String text, String idempotencyKey)
      throws GatewayException {
    attempts.merge(connectionId, 1, Integer::sum);
    GatewayException e = failure.apply(connectionId);
    if (e != null) {
      throw e;
    }
    if (keys.add(connectionId + "\n" + idempotencyKey)) {
      sent.add(new Sent(connectionId, text, idempotencyKey));
    }
    if (loseAnswers) {
      throw new ChatUnavailableException("answer lost", null);
    }
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  public synchronized List<String> textsTo(String connectionId) {
    return sent.stream().filter(s -> s.connectionId().equals(connectionId)).map(Sent::text)
        .toList();
  }

  public synchronized int attempts(String connectionId) {
    return attempts.getOrDefault(connectionId, 0);
  }
}
