package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.protocol.Block;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.QueueAuth;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.SessionParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session's framing, matching and flow control on Netty's in-memory channel, with the relay's
 * side played by hand-built blocks. Futures complete on the calling thread here.
 */
class RelayConnectionTest {
  private static final byte[] NONE = new byte[0];

  private final X25519.KeyPair relaySession = X25519.generate();
  private final SessionParams session =
      new SessionParams(1, SecureRandoms.bytes(32), relaySession.publicKey());
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final List<Response.Msg> messages = new ArrayList<>();
  private final List<byte[]> ends = new ArrayList<>();
  private int backlog;
  private final RelayConnection connection = new RelayConnection(channel, session,
      new RelayConnection.Events() {
        @Override
        public void onMessage(byte[] recipientId, Response.Msg msg) {
          messages.add(msg);
        }

        @Override
        public void onEnd(byte[] recipientId) {
          ends.add(recipientId);
        }

        @Override
        public int backlog() {
          return backlog;
        }
      }, Runnable::run);

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private CompletableFuture<Response> submit(byte[] entity, Command c, byte[] key, long timeout) {
    CompletableFuture<Response> f = new CompletableFuture<>();
    connection.submit(new OutboundCommand(entity, c, key, timeout, f));
    return f;
  }

  private List<Transmission> written() throws Exception {
    channel.runPendingTasks();
    List<Transmission> out = new ArrayList<>();
    for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
      byte[] block = ByteBufUtil.getBytes(b);
      b.release();
      assertEquals(ProtocolLimits.BLOCK_BYTES, block.length);
      for (byte[] t : Block.decode(block)) {
        out.add(Transmission.decode(t));
      }
    }
    return out;
  }

  private static byte[] block(byte[] corrId, byte[] entity, Response r) {
    return Block.encode(new Transmission(NONE, corrId, entity, Commands.encode(r)).encode());
  }

  @Test
  void commandsSubmittedInOneTurnShareOneBlockInOrder() throws Exception {
    for (int i = 0; i < 3; i++) {
      submit(NONE, new Command.Ping(), null, 0);
    }
    channel.runPendingTasks();
    ByteBuf only = channel.readOutbound();
    assertNull(channel.readOutbound(), "more than one block written");
    List<byte[]> batch = Block.decode(ByteBufUtil.getBytes(only));
    only.release();
    assertEquals(3, batch.size());
  }

  @Test
  void answersCompleteTheirCommandsByCorrelationIdInAnyOrder() throws Exception {
    CompletableFuture<Response> ping = submit(NONE, new Command.Ping(), null, 0);
    CompletableFuture<Response> send =
        submit(new byte[24], new Command.Send(false, new byte[] {1}), null, 0);
    List<Transmission> out = written();
    assertEquals(ProtocolLimits.CORR_ID_BYTES, out.get(0).corrId().length);
    connection.onBlock(block(out.get(1).corrId(), out.get(1).entityId(),
        new Response.Err(ErrorCode.QUOTA)));
    connection.onBlock(block(out.get(0).corrId(), NONE, new Response.Pong()));
    assertInstanceOf(Response.Pong.class, ping.get());
    Throwable err = assertThrows(Exception.class, send::get).getCause();
    assertEquals(ErrorCode.QUOTA, assertInstanceOf(RelayErrorException.class, err).code());
    connection.onBlock(block(out.get(0).corrId(), NONE, new Response.Pong()));
    assertEquals(0, connection.pendingCount(), "a late duplicate answer resurrected an entry");
  }

  @Test
  void authorizedCommandsCarryAnAuthenticatorTheRelayVerifiesForThisSessionOnly()
      throws Exception {
    X25519.KeyPair queue = X25519.generate();
    submit(new byte[24], new Command.Sub(), queue.privateKey(), 0);
    Transmission t = written().get(0);
    byte[] key = QueueAuth.relayAuthKey(
        session.sessionId(), relaySession.privateKey(), queue.publicKey());
    assertTrue(QueueAuth.verify(key, t.authorizedBytes(session.sessionId()), t.authorization()));
    assertFalse(QueueAuth.verify(key, t.authorizedBytes(SecureRandoms.bytes(32)),
        t.authorization()));
  }

  @Test
  void aCommandWithoutAnswerTimesOutWithATypedException() throws Exception {
    channel.freezeTime();
    CompletableFuture<Response> ping = submit(NONE, new Command.Ping(), null, 100);
    written();
    channel.advanceTimeBy(99, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    assertFalse(ping.isDone());
    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    Throwable t = assertThrows(Exception.class, ping::get).getCause();
    assertInstanceOf(RelayTimeoutException.class, t);
  }

  @Test
  void eventsWithoutCorrelationIdReachTheListener() throws Exception {
    byte[] rid = SecureRandoms.bytes(24);
    Response.Msg msg = new Response.Msg(SecureRandoms.bytes(24), new byte[] {9, 9});
    connection.onBlock(block(NONE, rid, msg));
    connection.onBlock(block(NONE, rid, new Response.End()));
    assertEquals(1, messages.size());
    assertArrayEquals(msg.msgId(), messages.get(0).msgId());
    assertArrayEquals(rid, ends.get(0));
  }

  @Test
  void undecodableOrOutOfPlaceBlocksAreProtocolViolations() {
    assertThrows(RelayProtocolException.class,
        () -> connection.onBlock(SecureRandoms.bytes(ProtocolLimits.BLOCK_BYTES)));
    assertThrows(RelayProtocolException.class, () -> connection.onBlock(new byte[10]));
    assertThrows(RelayProtocolException.class,
        () -> connection.onBlock(block(NONE, NONE, new Response.Ok())));
    assertThrows(RelayProtocolException.class,
        () -> connection.onBlock(block(NONE, NONE, new Response.End())));
    assertThrows(RelayProtocolException.class,
        () -> connection.onBlock(block(NONE, NONE, new Response.Err(ErrorCode.BLOCK))));
  }

  @Test
  void aLaggingListenerPausesReadingUntilItCatchesUp() throws Exception {
    channel.freezeTime();
    byte[] rid = SecureRandoms.bytes(24);
    backlog = RelayConnection.MAX_EVENT_BACKLOG;
    connection.onBlock(block(NONE, rid, new Response.Msg(SecureRandoms.bytes(24), NONE)));
    assertFalse(channel.config().isAutoRead());
    channel.advanceTimeBy(RelayConnection.BACKLOG_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    assertFalse(channel.config().isAutoRead());
    backlog = 0;
    channel.advanceTimeBy(RelayConnection.BACKLOG_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    channel.runPendingTasks();
    assertTrue(channel.config().isAutoRead());
  }

  @Test
  void theEndOfTheSessionFailsPendingAndLaterCommandsAsUnavailable() throws Exception {
    CompletableFuture<Response> pending = submit(NONE, new Command.Ping(), null, 0);
    RelayTimeoutException cause = new RelayTimeoutException("test");
    connection.onClosed(cause);
    Throwable t = assertThrows(Exception.class, pending::get).getCause();
    assertSame(cause, assertInstanceOf(RelayUnavailableException.class, t).getCause());
    CompletableFuture<Response> later = submit(NONE, new Command.Ping(), null, 0);
    assertInstanceOf(RelayUnavailableException.class,
        assertThrows(Exception.class, later::get).getCause());
  }
}
