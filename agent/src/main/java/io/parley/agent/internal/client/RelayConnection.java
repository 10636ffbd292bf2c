package io.parley.agent.internal.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.parley.protocol.Block;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.transport.SessionParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live session with a relay over one TLS channel, after the handshake: authorizes and
 * frames commands, packs everything submitted within one event-loop turn into shared blocks,
 * matches answers by correlation id, passes relay events on, and keeps the session alive with
 * pings. Commands are authorized on the submitting thread with this session's id, so they are
 * never sent on another session. {@link #submit} is thread-safe; the {@code on*} methods run
 * on the channel's event loop.
 */
final class RelayConnection {
  /** What the relay pushes; called on the event loop, so implementations must hand off. */
  interface Events {
    void onMessage(byte[] recipientId, Response.Msg msg);

    void onEnd(byte[] recipientId);

    /** Events handed off and not yet taken up by the listener. */
    int backlog();
  }

  /**
   * Listener events (a MSG holds up to one block) that may wait before this connection stops
   * reading from the relay, so a slow listener pushes back on the relay through TCP instead of
   * filling the heap. UNIT: events.
   */
  static final int MAX_EVENT_BACKLOG = 1_024;
  /** How often a paused connection checks whether the listener caught up. UNIT: ms. */
  static final long BACKLOG_CHECK_MILLIS = 20;

  private static final byte[] EMPTY = new byte[0];

  private final Channel channel;
  private final SessionParams session;
  private final AuthKeyCache authKeys;
  private final PendingCommands pending;
  private final Events events;
  private final Executor completions;
  private final Queue<List<byte[]>> outbound = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private volatile Throwable closeCause;
  private ScheduledFuture<?> pingTask;
  private boolean heardSinceTick;
  private int missedPings;

  RelayConnection(Channel channel, SessionParams session, Events events, Executor completions) {
    this.channel = channel;
    this.session = session;
    this.authKeys = new AuthKeyCache(session);
    this.pending = new PendingCommands(completions);
    this.events = events;
    this.completions = completions;
  }

  /**
   * Authorizes, registers and queues a command; it is written at the end of the current
   * event-loop turn together with everything else queued by then.
   */
  void submit(OutboundCommand c) {
    submitAll(List.of(c));
  }

  /**
   * Authorizes and registers all the commands first, then queues them together, so they share
   * blocks even when authorizing them (an X25519 agreement per new key) takes longer than an
   * event-loop turn, as when re-subscribing many queues.
   */
  void submitAll(List<OutboundCommand> commands) {
    if (closeCause != null) {
      commands.forEach(c -> Completions.fail(completions, c.result(), unavailable()));
      return;
    }
    List<byte[]> corrIds = new ArrayList<>(commands.size());
    List<byte[]> framed = new ArrayList<>(commands.size());
    for (OutboundCommand c : commands) {
      byte[] corrId = SecureRandoms.bytes(ProtocolLimits.CORR_ID_BYTES);
      try {
        framed.add(frame(c, corrId));
      } catch (CryptoException e) {
        // The private key was checked, so the relay's session key is what gives no secret.
        Completions.fail(completions, c.result(), new RelayProtocolException(
            "relay session key yields no authorization key", e));
        continue;
      }
      corrIds.add(corrId);
      register(corrId, c);
    }
    if (framed.isEmpty()) {
      return;
    }
    outbound.add(framed);
    if (closeCause != null) {
      // Lost the race with the end of the session, whose sweep may have missed these entries.
      corrIds.forEach(id -> pending.fail(id, unavailable()));
      return;
    }
    if (flushScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::flush);
    }
  }

  private void register(byte[] corrId, OutboundCommand c) {
    pending.add(corrId, c.result(), c.answerOnLoop());
    if (c.timeoutMillis() > 0) {
      ScheduledFuture<?> timeout = channel.eventLoop().schedule(
          () -> pending.fail(corrId, new RelayTimeoutException(
              "no answer from relay within " + c.timeoutMillis() + " ms")),
          c.timeoutMillis(), TimeUnit.MILLISECONDS);
      pending.setTimeout(corrId, timeout);
    }
  }

  private byte[] frame(OutboundCommand c, byte[] corrId) throws CryptoException {
    byte[] command = Commands.encode(c.command());
    byte[] auth = EMPTY;
    if (c.authPrivateKey() != null) {
      byte[] signed = new Transmission(EMPTY, corrId, c.entityId(), command)
          .authorizedBytes(session.sessionId());
      auth = authKeys.authenticate(c.authPrivateKey(), signed);
    }
    return new Transmission(auth, corrId, c.entityId(), command).encode();
  }

  private void flush() {
    flushScheduled.set(false);
    List<byte[]> batch = new ArrayList<>();
    for (List<byte[]> chunk = outbound.poll(); chunk != null; chunk = outbound.poll()) {
      batch.addAll(chunk);
    }
    if (batch.isEmpty() || !channel.isActive()) {
      return;
    }
    for (byte[] block : Block.batch(batch)) {
      channel.write(Unpooled.wrappedBuffer(block), channel.voidPromise());
    }
    channel.flush();
  }

  /** Handles one block from the relay; a malformed one is a protocol violation. */
  void onBlock(byte[] block) throws RelayProtocolException {
    heardSinceTick = true;
    try {
      for (byte[] bytes : Block.decode(block)) {
        Transmission t = Transmission.decode(bytes);
        onResponse(t, Commands.decodeResponse(t.command()));
      }
    } catch (CodecException e) {
      throw new RelayProtocolException("relay sent an undecodable block", e);
    }
  }

  private void onResponse(Transmission t, Response r) throws RelayProtocolException {
    boolean event = t.corrId().length == 0;
    if (r instanceof Response.Msg msg) {
      checkEntity(t);
      events.onMessage(t.entityId(), msg);
      pauseIfListenerLags();
      if (!event) {
        pending.answer(t.corrId(), r);
      }
    } else if (event && r instanceof Response.End) {
      checkEntity(t);
      events.onEnd(t.entityId());
    } else if (event && r instanceof Response.Err err) {
      // Only a framing error has no command to answer; the relay closes after it.
      throw new RelayProtocolException("relay reported ERR " + err.code().wire());
    } else if (event) {
      throw new RelayProtocolException("relay sent an answer without a correlation id");
    } else {
      pending.answer(t.corrId(), r);
    }
  }

  private void pauseIfListenerLags() {
    if (events.backlog() >= MAX_EVENT_BACKLOG && channel.config().isAutoRead()) {
      channel.config().setAutoRead(false);
      channel.eventLoop().schedule(this::resumeWhenCaughtUp, BACKLOG_CHECK_MILLIS,
          TimeUnit.MILLISECONDS);
    }
  }

  private void resumeWhenCaughtUp() {
    if (!channel.isActive()) {
      return;
    }
    if (events.backlog() <= MAX_EVENT_BACKLOG / 2) {
      channel.config().setAutoRead(true);
    } else {
      channel.eventLoop().schedule(this::resumeWhenCaughtUp, BACKLOG_CHECK_MILLIS,
          TimeUnit.MILLISECONDS);
    }
  }

  private static void checkEntity(Transmission t) throws RelayProtocolException {
    if (t.entityId().length != ProtocolLimits.ID_BYTES) {
      throw new RelayProtocolException("relay event names no queue");
    }
  }

  /** Starts the keep-alive schedule; run on the event loop once the session is up. */
  void startPings(long intervalMillis, int maxMissed) {
    pingTask = channel.eventLoop().scheduleAtFixedRate(
        () -> pingTick(maxMissed), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  private void pingTick(int maxMissed) {
    if (!channel.config().isAutoRead()) {
      // Reading is paused for a slow listener, so answers cannot be heard yet.
      return;
    }
    missedPings = heardSinceTick ? 0 : missedPings + 1;
    heardSinceTick = false;
    if (missedPings >= maxMissed) {
      close(new RelayTimeoutException("relay answered none of " + maxMissed + " pings"));
      return;
    }
    // Its answer only needs to arrive; any block from the relay counts as a sign of life.
    submit(new OutboundCommand(EMPTY, new Command.Ping(), null, 0, new CompletableFuture<>()));
  }

  /** Ends the session with a cause; pending commands fail once the channel has closed. */
  void close(Throwable cause) {
    if (closeCause == null) {
      closeCause = cause;
    }
    channel.close();
  }

  /** The channel closed: stop pinging and fail everything still waiting. On the event loop. */
  void onClosed(Throwable cause) {
    if (closeCause == null) {
      closeCause = cause;
    }
    if (pingTask != null) {
      pingTask.cancel(false);
    }
    outbound.clear();
    pending.failAll(this::unavailable);
  }

  /** What ended the session, or null while it is up. */
  Throwable closeCause() {
    return closeCause;
  }

  int pendingCount() {
    return pending.size();
  }

  private RelayUnavailableException unavailable() {
    return new RelayUnavailableException("connection to relay lost", closeCause);
  }
}
