package io.parley.daemon.client;

import io.parley.protocol.codec.ByteKey;
import io.netty.channel.EventLoop;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.Tls;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The agent's client of one relay: one TLS connection, pinned to the key hash of the relay's
 * address, multiplexing every queue on that relay. Commands are asynchronous; each answer
 * completes its future on the client's executor (never on a network thread), and a failed
 * future holds a {@link RelayClientException} subtype directly, not wrapped. The client
 * reconnects by itself with capped, jittered back-off and re-subscribes the queues it
 * remembers. At most {@link RelayClientConfig#maxPendingCommands()} commands may await answers
 * at once. Thread-safe; obtain instances from a {@link RelayClientPool}.
 */
public final class RelayClient implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RelayClient.class.getName());
  private static final byte[] NO_ENTITY = new byte[0];

  private final RelayAddress address;
  private final RelayClientConfig config;
  private final Executor executor;
  private final RelayClientListener listener;
  private final SerialExecutor events;
  private final ConnectionSupervisor supervisor;
  private final Map<ByteKey, byte[]> subscriptions = new ConcurrentHashMap<>();
  private final AtomicInteger outstanding = new AtomicInteger();

  RelayClient(RelayAddress address, EventLoop loop, RelayClientConfig config,
      Executor executor, RelayClientListener listener) {
    this.address = address;
    this.config = config;
    this.executor = executor;
    this.listener = listener;
    this.events = new SerialExecutor(executor);
    this.supervisor = new ConnectionSupervisor(address,
        Tls.clientContext(address.keyHashBytes()), loop, config, executor, new Events(),
        new Sessions(),
        new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis(),
            SecureRandoms.get()));
  }

  void start() {
    supervisor.start();
  }

  public RelayAddress address() {
    return address;
  }

  /** True while a session with the relay is up. */
  public boolean isUp() {
    return supervisor.isUp();
  }

  /** True once {@link #close()} ran; the pool then hands out a fresh client for the relay. */
  public boolean isClosed() {
    return supervisor.isClosed();
  }

  /**
   * Sends one command and completes with the relay's answer. {@code ERR} completes it
   * exceptionally with {@link RelayErrorException}; no answer within
   * {@link RelayClientConfig#commandTimeoutMillis()} with {@link RelayTimeoutException}; a
   * connection that is down or drops with {@link RelayUnavailableException}.
   *
   * @param entityId the queue's recipient or sender id, or empty
   * @param authPrivateKey the queue's X25519 authorization private key, or null for none
   */
  public CompletableFuture<Response> execute(byte[] entityId, Command cmd,
      byte[] authPrivateKey) {
    CompletableFuture<Response> result = new CompletableFuture<>();
    try {
      CommandChecks.check(entityId, cmd, authPrivateKey);
    } catch (InvalidCommandException e) {
      result.completeExceptionally(e);
      return result;
    }
    if (outstanding.incrementAndGet() > config.maxPendingCommands()) {
      outstanding.decrementAndGet();
      result.completeExceptionally(new RelayBusyException(config.maxPendingCommands()));
      return result;
    }
    // The slot is freed before the caller sees the answer, so a command chained on it fits.
    CompletableFuture<Response> answer = new CompletableFuture<>();
    answer.whenComplete((r, e) -> {
      outstanding.decrementAndGet();
      if (e != null) {
        result.completeExceptionally(e);
      } else {
        result.complete(r);
      }
    });
    supervisor.dispatch(new OutboundCommand(entityId.clone(), cmd,
        authPrivateKey == null ? null : authPrivateKey.clone(), config.commandTimeoutMillis(),
        answer));
    return result;
  }

  /**
   * Creates a queue ({@code NEW}), authorized by the new recipient key. With {@code subscribe},
   * this client also remembers the subscription once the relay answers.
   */
  public CompletableFuture<Response.Ids> createQueue(byte[] rcvAuthPriv, byte[] rcvAuthPub,
      byte[] rcvDhPub, boolean subscribe, QueueMode mode) {
    return expect(execute(NO_ENTITY,
        new Command.New(rcvAuthPub, rcvDhPub, subscribe, mode), rcvAuthPriv), Response.Ids.class,
        ids -> {
          if (subscribe) {
            subscriptions.put(ByteKey.copyOf(ids.recipientId()), rcvAuthPriv.clone());
          }
          return ids;
        });
  }

  /** The sender secures a messaging queue with its own key ({@code SKEY}). */
  public CompletableFuture<Void> secureBySender(byte[] senderId, byte[] senderAuthPriv,
      byte[] senderAuthPub) {
    return ok(execute(senderId, new Command.SKey(senderAuthPub), senderAuthPriv));
  }

  /** The recipient sets the sender key of its queue ({@code KEY}). */
  public CompletableFuture<Void> secureByRecipient(byte[] recipientId, byte[] rcvAuthPriv,
      byte[] senderAuthPub) {
    return ok(execute(recipientId, new Command.Key(senderAuthPub), rcvAuthPriv));
  }

  /** Sends a message; {@code senderAuthPrivOrNull} is null while the queue is unsecured. */
  public CompletableFuture<Void> send(byte[] senderId, byte[] senderAuthPrivOrNull,
      byte[] body) {
    return send(senderId, senderAuthPrivOrNull, false, body);
  }

  /** Sends a message with the notify flag the relay passes on to the recipient. */
  public CompletableFuture<Void> send(byte[] senderId, byte[] senderAuthPrivOrNull,
      boolean notifyFlag, byte[] body) {
    return ok(execute(senderId, new Command.Send(notifyFlag, body), senderAuthPrivOrNull));
  }

  /** Acknowledges (and so deletes) a delivered message, letting the next one through. */
  public CompletableFuture<Void> ack(byte[] recipientId, byte[] rcvAuthPriv, byte[] msgId) {
    return ok(execute(recipientId, new Command.Ack(msgId), rcvAuthPriv));
  }

  /** Suspends the queue ({@code OFF}): senders get {@code AUTH}, the recipient can drain it. */
  public CompletableFuture<Void> suspend(byte[] recipientId, byte[] rcvAuthPriv) {
    return ok(execute(recipientId, new Command.Off(), rcvAuthPriv));
  }

  /** Deletes the queue and its messages, and forgets its subscription once the relay agrees. */
  public CompletableFuture<Void> delete(byte[] recipientId, byte[] rcvAuthPriv) {
    ByteKey rid = ByteKey.copyOf(recipientId == null ? NO_ENTITY : recipientId);
    return expect(execute(recipientId, new Command.Del(), rcvAuthPriv), Response.Ok.class,
        ok -> {
          subscriptions.remove(rid);
          return null;
        });
  }

  /** A round trip to the relay ({@code PING}). */
  public CompletableFuture<Void> ping() {
    return expect(execute(NO_ENTITY, new Command.Ping(), null), Response.Pong.class,
        pong -> null);
  }

  /**
   * Subscribes this connection to a queue ({@code SUB}) and remembers it, so every later
   * session re-subscribes by itself. The queue stays remembered even if this SUB fails for
   * want of a connection; {@link #unsubscribeLocal} forgets it.
   */
  public CompletableFuture<Void> subscribe(byte[] recipientId, byte[] rcvAuthPriv) {
    Command sub = new Command.Sub();
    try {
      CommandChecks.check(recipientId, sub, rcvAuthPriv);
    } catch (InvalidCommandException e) {
      return CompletableFuture.failedFuture(e);
    }
    subscriptions.put(ByteKey.copyOf(recipientId), rcvAuthPriv.clone());
    return ok(execute(recipientId, sub, rcvAuthPriv));
  }

  /** Forgets a subscription locally; the relay is not told (it keeps delivering until END). */
  public void unsubscribeLocal(byte[] recipientId) {
    subscriptions.remove(ByteKey.copyOf(recipientId));
  }

  /** How many queues this client re-subscribes after a reconnect. */
  public int subscriptionCount() {
    return subscriptions.size();
  }

  /** Stops reconnecting and closes the connection; pending commands fail. Idempotent. */
  @Override
  public void close() {
    supervisor.close();
  }

  private CompletableFuture<Void> ok(CompletableFuture<Response> answer) {
    return expect(answer, Response.Ok.class, ok -> null);
  }

  /**
   * Maps an answer of the expected type; any other type is a {@link RelayProtocolException}.
   * Failures pass through unwrapped (no {@code CompletionException}), so callers can test
   * {@code e instanceof RelayErrorException} in any handler.
   */
  private static <T extends Response, R> CompletableFuture<R> expect(
      CompletableFuture<Response> answer, Class<T> type, Function<T, R> then) {
    CompletableFuture<R> out = new CompletableFuture<>();
    answer.whenComplete((r, e) -> {
      if (e != null) {
        out.completeExceptionally(e);
      } else if (!type.isInstance(r)) {
        out.completeExceptionally(new RelayProtocolException("relay answered "
            + r.getClass().getSimpleName() + " instead of " + type.getSimpleName()));
      } else {
        try {
          out.complete(then.apply(type.cast(r)));
        } catch (RuntimeException x) {
          out.completeExceptionally(x);
        }
      }
    });
    return out;
  }

  /**
   * Re-sends SUB for every remembered queue in one batch. These internal commands do not count
   * against the pending limit: their number is bounded by the subscriptions themselves.
   */
  private void resubscribe() {
    List<OutboundCommand> subs = new ArrayList<>();
    for (Map.Entry<ByteKey, byte[]> s : subscriptions.entrySet()) {
      byte[] rid = s.getKey().bytes().clone();
      CompletableFuture<Response> result = new CompletableFuture<>();
      subs.add(new OutboundCommand(rid, new Command.Sub(), s.getValue(),
          config.commandTimeoutMillis(), result));
      result.whenComplete((r, e) -> {
        if (e instanceof RelayErrorException err && !err.retryable()
            && subscriptions.remove(s.getKey(), s.getValue())) {
          events.execute(() -> listener.onSubscriptionLost(address, rid, err));
        }
      });
    }
    if (!subs.isEmpty()) {
      supervisor.dispatchAll(subs);
    }
  }

  private String where() {
    return address.host() + ":" + address.port();
  }

  /** Relay events, handed from the event loop to the listener's ordered executor. */
  private final class Events implements RelayConnection.Events {
    @Override
    public void onMessage(byte[] recipientId, Response.Msg msg) {
      events.execute(() -> listener.onMessage(address, recipientId, msg));
    }

    @Override
    public void onEnd(byte[] recipientId) {
      subscriptions.remove(ByteKey.copyOf(recipientId));
      events.execute(() -> listener.onEnd(address, recipientId));
    }

    @Override
    public int backlog() {
      return events.backlog();
    }
  }

  /** Session changes: log, re-subscribe, tell the listener. */
  private final class Sessions implements ConnectionSupervisor.Listener {
    private boolean reportedDown;

    @Override
    public void up(RelayConnection connection) {
      reportedDown = false;
      LOG.log(Level.INFO, "relay " + where() + " up");
      events.execute(() -> listener.onUp(address));
      // Off the event loop: each queue key costs one X25519 agreement per session.
      try {
        executor.execute(RelayClient.this::resubscribe);
      } catch (RejectedExecutionException e) {
        LOG.log(Level.DEBUG, "executor shut down; no re-subscription");
      }
    }

    @Override
    public void down(Throwable cause) {
      // Once per outage at INFO; every further failed attempt only at DEBUG.
      Level level = reportedDown ? Level.DEBUG : Level.INFO;
      reportedDown = true;
      LOG.log(level, "relay " + where() + " down: " + describe(cause));
      events.execute(() -> listener.onDown(address, cause));
    }
  }

  private static String describe(Throwable cause) {
    if (Tls.isIdentityMismatch(cause)) {
      return "relay identity does not match the key hash in its address";
    }
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
  }
}
