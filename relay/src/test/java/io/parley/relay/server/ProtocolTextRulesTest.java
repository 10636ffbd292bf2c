package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.Block;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.HandshakeException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.Tls;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.ClientQueue;
import io.parley.relay.client.Reply;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules docs/protocol.md states where an implementation from the text alone found it
 * ambiguous: separators, credentials, correlation ids, low-order keys, suspended queues, rate
 * tokens, block packing, padding, where the identity is checked, which certificate the key hash
 * names, and replays. Each test is one rule, as the relay keeps it.
 */
@ExtendWith(LeakCheck.class)
class ProtocolTextRulesTest {
  private static final byte[] NONE = new byte[0];
  /** A low-order point other than zero: u = 1, of order 4. */
  private static final byte[] ORDER_FOUR = HexFormat.of()
      .parseHex("0100000000000000000000000000000000000000000000000000000000000000");

  @TempDir static Path dir;
  static Relay relay;

  @BeforeAll
  static void start() throws Exception {
    relay = RelayFixture.memoryOnly(dir);
  }

  @AfterAll
  static void stop() {
    relay.close();
  }

  @Test
  void parametersFollowTheTagAndOneSpaceWithNoSeparatorBetweenThem() throws Exception {
    X25519.KeyPair auth = X25519.generate();
    X25519.KeyPair dh = X25519.generate();
    byte[] encoded = Commands.encode(
        new Command.New(auth.publicKey(), dh.publicKey(), false, QueueMode.MESSAGING));
    // The key's length byte 0x20 follows the tag's space directly: two 0x20 bytes in a row.
    byte[] expected = new Encoder().ascii("NEW ").u8(32).raw(auth.publicKey()).u8(32)
        .raw(dh.publicKey()).ascii("FM").toByteArray();
    assertArrayEquals(expected, encoded);
    try (BlockingRelayClient c = connect()) {
      assertInstanceOf(Response.Ids.class, c.request(c.newQueue(auth.privateKey(),
          auth.publicKey(), dh.publicKey(), false, QueueMode.MESSAGING)));
    }
  }

  @Test
  void pingOrNewWithAnEntityIdIsAnsweredCmdNoEntity() throws Exception {
    try (BlockingRelayClient c = connect()) {
      byte[] entity = SecureRandoms.bytes(24);
      Transmission ping = c.ping();
      assertEquals(new Response.Err(ErrorCode.CMD_NO_ENTITY), c.request(
          new Transmission(NONE, ping.corrId(), entity, ping.command())));
      X25519.KeyPair auth = X25519.generate();
      Transmission asNew = c.transmission(auth.privateKey(), entity, new Command.New(
          auth.publicKey(), X25519.generate().publicKey(), false, QueueMode.MESSAGING));
      assertEquals(new Response.Err(ErrorCode.CMD_NO_ENTITY), c.request(asNew));
    }
  }

  @Test
  void correlationIdsOfAnyLengthUpTo255AreEchoedAndOnlyEventsHaveAnEmptyOne() throws Exception {
    try (BlockingRelayClient c = connect()) {
      for (int length : new int[] {0, 1, 10, 24, 255}) {
        byte[] corrId = SecureRandoms.bytes(length);
        c.send(new Transmission(NONE, corrId, NONE, Commands.encode(new Command.Ping())));
        Reply r = c.receive();
        assertArrayEquals(corrId, r.corrId(), "corrId of " + length + " bytes");
        assertInstanceOf(Response.Pong.class, r.response());
      }
    }
  }

  @Test
  void aLowOrderKeyIsCmdSyntaxInNewKeyAndSkeyAlikeAndTheQueueStaysUsable() throws Exception {
    try (BlockingRelayClient c = connect()) {
      X25519.KeyPair auth = X25519.generate();
      byte[] goodDh = X25519.generate().publicKey();
      for (byte[] bad : List.of(new byte[32], ORDER_FOUR)) {
        assertEquals(new Response.Err(ErrorCode.CMD_SYNTAX), c.request(c.newQueue(
            auth.privateKey(), bad, goodDh, false, QueueMode.MESSAGING)), "NEW auth key");
        assertEquals(new Response.Err(ErrorCode.CMD_SYNTAX), c.request(c.newQueue(
            auth.privateKey(), auth.publicKey(), bad, false, QueueMode.MESSAGING)), "NEW DH key");
      }
      ClientQueue q = c.createQueue(false, QueueMode.MESSAGING);
      byte[] rcvPriv = q.recipientAuth().privateKey();
      for (byte[] bad : List.of(new byte[32], ORDER_FOUR)) {
        assertEquals(new Response.Err(ErrorCode.CMD_SYNTAX),
            c.request(c.key(q.recipientId(), rcvPriv, bad)), "KEY");
        assertEquals(new Response.Err(ErrorCode.CMD_SYNTAX),
            c.request(c.senderKey(q.senderId(), X25519.generate().privateKey(), bad)), "SKEY");
      }
      X25519.KeyPair sender = X25519.generate();
      assertInstanceOf(Response.Ok.class,
          c.request(c.key(q.recipientId(), rcvPriv, sender.publicKey())));
      assertInstanceOf(Response.Ok.class, c.request(
          c.sendMessage(q.senderId(), sender.privateKey(), false, utf8("after the refusals"))));
    }
  }

  @Test
  void keyAndSkeyOnASuspendedQueueAreRefusedWithAuth() throws Exception {
    try (BlockingRelayClient c = connect()) {
      ClientQueue q = c.createQueue(false, QueueMode.MESSAGING);
      byte[] rcvPriv = q.recipientAuth().privateKey();
      assertInstanceOf(Response.Ok.class, c.request(c.off(q.recipientId(), rcvPriv)));
      X25519.KeyPair sender = X25519.generate();
      assertEquals(new Response.Err(ErrorCode.AUTH),
          c.request(c.key(q.recipientId(), rcvPriv, sender.publicKey())));
      assertEquals(new Response.Err(ErrorCode.AUTH),
          c.request(c.senderKey(q.senderId(), sender.privateKey(), sender.publicKey())));
      assertEquals(new Response.Err(ErrorCode.AUTH),
          c.request(c.sendMessage(q.senderId(), null, false, utf8("after OFF"))));
    }
  }

  @Test
  void aNewRefusedWithAuthStillSpendsOneOfTheConnectionsQueueCreationTokens() throws Exception {
    try (Relay limited = RelayFixture.memoryOnly(dir.resolve("limited"),
            b -> b.maxNewQueuesPerConnectionPerMinute(2));
        BlockingRelayClient c = BlockingRelayClient.connect(limited.address())) {
      for (int i = 0; i < 2; i++) {
        X25519.KeyPair claimed = X25519.generate();
        // Authorized by a key other than the one it names.
        Transmission wrong = c.transmission(X25519.generate().privateKey(), NONE,
            new Command.New(claimed.publicKey(), X25519.generate().publicKey(), false,
                QueueMode.MESSAGING));
        assertEquals(new Response.Err(ErrorCode.AUTH), c.request(wrong));
      }
      X25519.KeyPair auth = X25519.generate();
      assertEquals(new Response.Err(ErrorCode.QUOTA), c.request(c.newQueue(auth.privateKey(),
          auth.publicKey(), X25519.generate().publicKey(), false, QueueMode.MESSAGING)));
    }
  }

  @Test
  void theMsgASubReleasesFollowsTheRepliesBeforeItHoweverTheyArePackedIntoBlocks()
      throws Exception {
    try (BlockingRelayClient recipient = connect(); BlockingRelayClient sender = connect()) {
      ClientQueue q = recipient.createQueue(false, QueueMode.MESSAGING);
      assertInstanceOf(Response.Ok.class,
          sender.request(sender.sendMessage(q.senderId(), null, false, utf8("waiting"))));
      Transmission before = recipient.ping();
      Transmission sub = recipient.subscribe(q.recipientId(), q.recipientAuth().privateKey());
      recipient.send(before, sub); // one block
      Reply first = recipient.receive();
      Reply second = recipient.receive();
      Reply third = recipient.receive();
      assertArrayEquals(before.corrId(), first.corrId());
      assertInstanceOf(Response.Pong.class, first.response());
      assertArrayEquals(sub.corrId(), second.corrId());
      assertInstanceOf(Response.Ok.class, second.response());
      assertInstanceOf(Response.Msg.class, third.response(), "SUB's OK precedes its MSG");
      assertArrayEquals(NONE, third.corrId(), "an event has an empty corrId");
      assertArrayEquals(q.recipientId(), third.entityId());
    }
  }

  @Test
  void fillBytesOfAnyValueAreAcceptedButBytesAfterABatchsLastTransmissionAreErrBlock()
      throws Exception {
    try (BlockingRelayClient c = connect()) {
      Transmission ping = c.ping();
      byte[] block = Block.encode(List.of(ping.encode()));
      int contentEnd = Padding.PREFIX_BYTES + (((block[0] & 0xFF) << 8) | (block[1] & 0xFF));
      Arrays.fill(block, contentEnd, block.length, (byte) 0);
      c.sendRaw(block);
      Reply r = c.receive();
      assertArrayEquals(ping.corrId(), r.corrId());
      assertInstanceOf(Response.Pong.class, r.response());

      byte[] content = Arrays.copyOfRange(block, Padding.PREFIX_BYTES, contentEnd);
      byte[] trailing = Arrays.copyOf(content, content.length + 2);
      c.sendRaw(Padding.pad(trailing, ProtocolLimits.BLOCK_BYTES));
      Reply err = c.receive();
      assertEquals(new Response.Err(ErrorCode.BLOCK), err.response());
      assertClosed(c);
    }
  }

  @Test
  void theIdentityIsCheckedInsideTheTlsHandshakeSoAMismatchFailsItBeforeAnyHello()
      throws Exception {
    byte[] wrongHash = Hashes.sha256(utf8("not this relay"));
    SSLSocket s = (SSLSocket) Tls.clientContext(wrongHash, Clock.systemUTC()).getSocketFactory()
        .createSocket();
    try (s) {
      s.connect(new InetSocketAddress(relay.address().host(), relay.address().port()), 10_000);
      Tls.configureClientSocket(s);
      SSLException e = assertThrows(SSLException.class, s::startHandshake);
      assertTrue(Tls.isIdentityMismatch(e), "failed as an identity mismatch: " + e);
    }
  }

  @Test
  void theKeyHashNamesTheIdentityCertificateSoAHashOfTheTlsLeafIsRefused() throws Exception {
    byte[] leafHash = Hashes.sha256(TestIdentities.relay().onlineCertificate().getEncoded());
    RelayAddress leaf = new RelayAddress(
        Base64.getUrlEncoder().withoutPadding().encodeToString(leafHash),
        relay.address().host(), relay.address().port());
    HandshakeException e =
        assertThrows(HandshakeException.class, () -> BlockingRelayClient.connect(leaf));
    assertEquals(HandshakeException.Reason.IDENTITY, e.reason());
    assertNotEquals(relay.address().keyHash(), leaf.keyHash());
  }

  @Test
  void aSignedSendRepeatedOnItsOwnConnectionIsExecutedTwiceAndOnAnyOtherConnectionIsAuth()
      throws Exception {
    try (BlockingRelayClient recipient = connect(); BlockingRelayClient sender = connect();
        BlockingRelayClient other = connect()) {
      ClientQueue q = recipient.createQueue(true, QueueMode.MESSAGING);
      X25519.KeyPair key = X25519.generate();
      assertInstanceOf(Response.Ok.class, recipient.request(
          recipient.key(q.recipientId(), q.recipientAuth().privateKey(), key.publicKey())));
      Transmission send = sender.sendMessage(q.senderId(), key.privateKey(), false,
          utf8("once"));
      assertInstanceOf(Response.Ok.class, sender.request(send));
      assertInstanceOf(Response.Ok.class, sender.request(send), "no replay check in a session");
      other.send(send);
      assertEquals(new Response.Err(ErrorCode.AUTH), other.receive().response(),
          "the session id in the authorization binds it to its connection");

      Response.Msg first = assertInstanceOf(Response.Msg.class, recipient.receive().response());
      assertInstanceOf(Response.Ok.class, recipient.request(
          recipient.ack(q.recipientId(), q.recipientAuth().privateKey(), first.msgId())));
      Response.Msg second = assertInstanceOf(Response.Msg.class, recipient.receive().response());
      assertNotEquals(HexFormat.of().formatHex(first.msgId()),
          HexFormat.of().formatHex(second.msgId()), "two messages, not a redelivery");
      assertArrayEquals(utf8("once"), q.open(second).body());
    }
  }

  private static BlockingRelayClient connect() throws Exception {
    return BlockingRelayClient.connect(relay.address());
  }

  private static void assertClosed(BlockingRelayClient c) {
    IOException e = assertThrows(IOException.class, c::receive);
    assertTrue(e instanceof EOFException || e instanceof SocketException,
        "closed by the relay: " + e);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
