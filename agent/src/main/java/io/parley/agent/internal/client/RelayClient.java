package io.parley.agent.internal.client;

import io.parley.agent.model.RelayClientConfig;
import io.parley.agent.model.RelayTlsEngine;
import io.parley.transport.tls.NettyTls;
import io.parley.transport.tls.TlsEngine;
import io.parley.transport.tls.TlsEngineUnavailableException;
import javax.net.ssl.SSLContext;
import io.netty.channel.EventLoop;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.Tls;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The agent's client of one relay: one TLS connection, pinned to the key hash of the relay's
 * address, multiplexing every queue on that relay. Commands are asynchronous; each answer
 * completes its future on the client's executor (never on a network thread), one answer at a
 * time in the order they arrived, so a continuation must not block waiting for another answer
 * from the same relay; a failed
 * future holds a {@link RelayClientException} subtype directly, not wrapped. The client
 * reconnects by itself with capped, jittered back-off and re-subscribes the queues it
 * remembers, sending one {@code SUB} per queue per session (see {@link Subscriptions}), in
 * batches under a window that adapts to the relay's answer time, with one relay-wide back-off
 * for SUBs to retry (see {@link Resubscription}). A SUB itself has no command timeout while its
 * session lives, so a slow answer is never followed by a second SUB for the queue; a caller of
 * {@link #subscribe} still hears of a timeout. At most
 * {@link RelayClientConfig#maxPendingCommands()} commands may await answers at once; SUBs are
 * not counted, as at most one per remembered queue awaits its answer. Thread-safe; obtain
 * instances from a {@link RelayClientPool}.
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
  private final Subscriptions subscriptions = new Subscriptions();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final SubCounters subCounters = new SubCounters();
  private final EventLoop loop;

  RelayClient(RelayAddress address, EventLoop loop, RelayClientConfig config,
      Executor executor, RelayClientListener listener) {
    this.address = address;
    this.config = config;
    this.executor = executor;
    this.listener = listener;
    this.loop = loop;
    this.events = new SerialExecutor(executor);
    // Answers queue behind each other, so a burst of them wakes one executor thread, not one
    // per answer; a completion must not be lost, so one the executor refuses runs in place.
    Executor completions = new SerialExecutor(executor, true);
    this.supervisor = new ConnectionSupervisor(address, tls(address, config), loop, config,
        executor,
        completions, new Events(), new Sessions(),
        new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis(),
            SecureRandoms.get()));
  }

  /**
   * The TLS of this relay's connections, pinned to its key hash: the JDK's engine unless
   * BoringSSL is asked for by name, which the agent refuses at start (as a client BoringSSL
   * offers no Ed25519 scheme; see AgentParts) and only tests ask for.
   */
  private static NettyTls tls(RelayAddress address, RelayClientConfig config) {
    SSLContext jdk = Tls.clientContext(address.keyHashBytes(), Clock.systemUTC());
    TlsEngine engine =
        config.tlsEngine() == RelayTlsEngine.OPENSSL ? TlsEngine.OPENSSL : TlsEngine.JDK;
    try {
      return NettyTls.client(engine, (host, port) -> Tls.clientEngine(jdk, host, port),
          Tls.pinningTrustManager(address.keyHashBytes(), Clock.systemUTC()), Tls.PROTOCOLS,
          Tls.CIPHER_SUITES);
    } catch (TlsEngineUnavailableException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
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
    return execute(entityId, cmd, authPrivateKey, ConnectionSupervisor.ANY_SESSION);
  }

  /** {@link #execute(byte[], Command, byte[])} on one session only (see the supervisor). */
  private CompletableFuture<Response> execute(byte[] entityId, Command cmd,
      byte[] authPrivateKey, Object session) {
    return execute(entityId, cmd, authPrivateKey, session, false);
  }

  /**
   * With {@code answerOnLoop}, the returned future completes on the event loop (or the
   * calling thread), so only a trivial continuation may be chained on it.
   */
  private CompletableFuture<Response> execute(byte[] entityId, Command cmd,
      byte[] authPrivateKey, Object session, boolean answerOnLoop) {
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
    supervisor.dispatchTo(session, List.of(new OutboundCommand(entityId.clone(), cmd,
        authPrivateKey == null ? null : authPrivateKey.clone(), config.commandTimeoutMillis(),
        answer, answerOnLoop)));
    return result;
  }

  /**
   * Creates a queue ({@code NEW}), authorized by the new recipient key. With {@code subscribe},
   * this client also remembers the subscription once the relay answers; the relay subscribed
   * the session the NEW went to, so only a later session gets a SUB for it.
   */
  public CompletableFuture<Response.Ids> createQueue(byte[] rcvAuthPriv, byte[] rcvAuthPub,
      byte[] rcvDhPub, boolean subscribe, QueueMode mode) {
    Command cmd = new Command.New(rcvAuthPub, rcvDhPub, subscribe, mode);
    if (!subscribe) {
      return expect(execute(NO_ENTITY, cmd, rcvAuthPriv), Response.Ids.class, ids -> ids);
    }
    Object session = supervisor.session();
    return expect(execute(NO_ENTITY, cmd, rcvAuthPriv, session), Response.Ids.class, ids -> {
      Subscriptions.Entry e = subscriptions.rememberSubscribed(ids.recipientId(), rcvAuthPriv,
          session);
      // A session that came up before the queue was remembered has not re-subscribed it.
      subscribeOn(supervisor.session(), e, false);
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

  /**
   * The token of the session being set up or live, or null while the client backs off; a new
   * token per connection attempt. Commands sent {@linkplain #sendOn on} it go to that session
   * only, so a caller that pipelines can keep them all on one connection.
   */
  public Object session() {
    return supervisor.session();
  }

  /**
   * {@link #send(byte[], byte[], byte[])} on one session only: it waits for that session while
   * it is being set up, and fails with {@link RelayUnavailableException} once it has ended (or
   * at once for a null token), never going to a later session. The relay handles one
   * session's commands in order, so SENDs pinned to one session reach it in the order sent,
   * and none of them can reach a later session ahead of an earlier one that failed.
   */
  public CompletableFuture<Void> sendOn(Object session, byte[] senderId,
      byte[] senderAuthPrivOrNull, byte[] body) {
    return ok(execute(senderId, new Command.Send(false, body), senderAuthPrivOrNull, session));
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

  /**
   * {@link #ack} for a caller that does not wait for the answer: a failure is only logged (at
   * DEBUG), as the relay keeps an unacknowledged message and delivers it again. The answer is
   * taken on the event loop, sparing the executor hand-off a future's completion costs; this
   * runs once per received message.
   */
  public void acknowledge(byte[] recipientId, byte[] rcvAuthPriv, byte[] msgId) {
    execute(recipientId, new Command.Ack(msgId), rcvAuthPriv, ConnectionSupervisor.ANY_SESSION,
        true).whenComplete((r, e) -> {
          if (e != null) {
            LOG.log(Level.DEBUG, "ACK failed; the message comes again: "
                + e.getClass().getSimpleName());
          } else if (!(r instanceof Response.Ok)) {
            LOG.log(Level.DEBUG, "relay answered an ACK with " + r.getClass().getSimpleName());
          }
        });
  }

  /** Suspends the queue ({@code OFF}): senders get {@code AUTH}, the recipient can drain it. */
  public CompletableFuture<Void> suspend(byte[] recipientId, byte[] rcvAuthPriv) {
    return ok(execute(recipientId, new Command.Off(), rcvAuthPriv));
  }

  /** Deletes the queue and its messages, and forgets its subscription once the relay agrees. */
  public CompletableFuture<Void> delete(byte[] recipientId, byte[] rcvAuthPriv) {
    byte[] rid = recipientId == null ? NO_ENTITY : recipientId.clone();
    return expect(execute(recipientId, new Command.Del(), rcvAuthPriv), Response.Ok.class,
        ok -> {
          subscriptions.forget(rid);
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
   * session re-subscribes by itself. Made while a session is being set up, the SUB waits for
   * it, and that session's re-subscription sends no second one. Made on a live session where
   * the queue's SUB was already answered, it sends another, which asks the relay for the
   * unacknowledged message again; while the queue's SUB still awaits its answer, it completes
   * with that answer instead. The queue stays remembered even if this SUB fails for want of a
   * connection; {@link #unsubscribeLocal} forgets it.
   */
  public CompletableFuture<Void> subscribe(byte[] recipientId, byte[] rcvAuthPriv) {
    try {
      CommandChecks.check(recipientId, new Command.Sub(), rcvAuthPriv);
    } catch (InvalidCommandException e) {
      return CompletableFuture.failedFuture(e);
    }
    Subscriptions.Entry e = subscriptions.remember(recipientId, rcvAuthPriv);
    return ok(answerWithinTimeout(subscribeOn(supervisor.session(), e, true)));
  }

  /**
   * The SUB's answer, or a {@link RelayTimeoutException} for the caller once the command
   * timeout passes; the SUB itself keeps waiting, so a late OK still subscribes the queue.
   */
  private CompletableFuture<Response> answerWithinTimeout(CompletableFuture<Response> answer) {
    if (answer.isDone()) {
      return answer;
    }
    long millis = config.commandTimeoutMillis();
    CompletableFuture<Response> out = new CompletableFuture<>();
    ScheduledFuture<?> timeout = loop.schedule(() -> Completions.fail(executor, out,
        new RelayTimeoutException("no answer from relay within " + millis + " ms")),
        millis, TimeUnit.MILLISECONDS);
    answer.whenComplete((r, x) -> {
      timeout.cancel(false);
      if (x != null) {
        out.completeExceptionally(x);
      } else {
        out.complete(r);
      }
    });
    return out;
  }

  /**
   * Remembers many queues at once (an agent's queues on this relay at start) and, if a session
   * is up, re-subscribes them in bounded batches; otherwise the next session does. Unlike
   * {@link #subscribe}, this sends no SUB per queue while the session is being set up, so
   * the SUBs of 100,000 queues never wait in one unbounded backlog. A queue whose keys do not
   * make a valid SUB is skipped.
   */
  public void subscribeAll(List<SubscriptionKey> queues) {
    for (SubscriptionKey q : queues) {
      try {
        CommandChecks.check(q.recipientId(), new Command.Sub(), q.authKey());
      } catch (InvalidCommandException e) {
        LOG.log(Level.WARNING, "a stored queue has unusable keys; not subscribed");
        continue;
      }
      subscriptions.remember(q.recipientId(), q.authKey());
    }
    if (supervisor.isUp()) {
      events.execute(this::resubscribe);
    }
  }

  /** How many remembered queues the current session has an answered, accepted SUB for. */
  public int subscribedCount() {
    Object session = supervisor.session();
    int n = 0;
    for (Subscriptions.Entry e : subscriptions.all()) {
      if (e.isSubscribedOn(session)) {
        n++;
      }
    }
    return n;
  }

  /** SUBs sent again after a transient failure, since this client started. */
  public long resentSubscriptionCount() {
    return subCounters.resent();
  }

  /** SUBs sent, first ones and retries, since this client started. */
  public long sentSubscriptionCount() {
    return subCounters.sent();
  }

  /**
   * SUBs answered only after the command timeout, since this client started; each still
   * subscribed its queue, and none was sent again for being slow.
   */
  public long lateSubscriptionCount() {
    return subCounters.late();
  }

  /** Forgets a subscription locally; the relay is not told (it keeps delivering until END). */
  public void unsubscribeLocal(byte[] recipientId) {
    subscriptions.forget(recipientId);
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
   * Sends the queue's SUB on {@code session} unless it already has one there (see
   * {@link Subscriptions.Entry#claim}); returns the answer of the SUB it has there.
   */
  private CompletableFuture<Response> subscribeOn(Object session, Subscriptions.Entry e,
      boolean again) {
    CompletableFuture<Response> fresh = new CompletableFuture<>();
    CompletableFuture<Response> answer = e.claim(session, fresh, again);
    if (answer == fresh) {
      long sentAt = System.nanoTime();
      fresh.whenComplete((r, x) -> {
        boolean answered = x == null || x instanceof RelayErrorException;
        if (answered && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt)
            > config.commandTimeoutMillis()) {
          subCounters.countLate();
        }
      });
      subCounters.countSent(1);
      supervisor.dispatchTo(session, List.of(subCommand(e, fresh)));
    }
    return answer;
  }

  /**
   * Sends SUB for every remembered queue that has none on the current session yet, in batches
   * under an adaptive window (see {@link Resubscription}). A queue the relay refuses for good is
   * forgotten and reported lost.
   */
  private void resubscribe() {
    Object session = supervisor.session();
    if (session == null) {
      return;
    }
    new Resubscription(session, supervisor::session, new Resubscription.Sender() {
      @Override
      public void send(Object s, List<OutboundCommand> subs) {
        supervisor.dispatchTo(s, subs);
      }

      @Override
      public OutboundCommand sub(Subscriptions.Entry e, CompletableFuture<Response> answer) {
        return subCommand(e, answer);
      }
    }, loop, new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis(),
        SecureRandoms.get()), subCounters, config.commandTimeoutMillis(), System::nanoTime,
        (e, err) -> {
          if (subscriptions.forget(e)) {
            byte[] rid = e.recipientId().bytes().clone();
            events.execute(() -> listener.onSubscriptionLost(address, rid, err));
          }
        }).start(subscriptions.all());
  }

  /** A SUB without a timeout: it is answered or fails with its session (see the class doc). */
  private OutboundCommand subCommand(Subscriptions.Entry e, CompletableFuture<Response> answer) {
    return new OutboundCommand(e.recipientId().bytes().clone(), new Command.Sub(),
        e.authKey().clone(), 0, answer);
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
      subscriptions.forget(recipientId);
      events.execute(() -> listener.onEnd(address, recipientId));
    }

    @Override
    public int backlog() {
      // A listener behind counts as a full backlog: reading pauses until it catches up.
      return events.backlog() + (listener.behind() ? RelayConnection.MAX_EVENT_BACKLOG : 0);
    }
  }

  /** Session changes: log, re-subscribe, tell the listener. */
  private final class Sessions implements ConnectionSupervisor.Listener {
    private boolean reportedDown;

    @Override
    public void up(RelayConnection connection) {
      reportedDown = false;
      LOG.log(Level.INFO, "relay " + where() + " up");
      // Off the event loop (each queue key costs one X25519 agreement per session), and
      // before the listener hears of the session, so its commands follow the SUBs.
      events.execute(() -> {
        try {
          resubscribe();
        } finally {
          listener.onUp(address);
        }
      });
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
    return RelayDownReason.of(cause);
  }
}
