package io.parley.protocol.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentLayersTest {
  private final X25519.KeyPair sender = X25519.generate();
  private final X25519.KeyPair recipient = X25519.generate();

  @Test
  void bothSidesOfAQueueAgreeOnTheE2eKeyAndOpenWhatTheOtherSealed() throws Exception {
    byte[] ks = E2eEnvelope.sharedKey(sender.privateKey(), recipient.publicKey());
    byte[] kr = E2eEnvelope.sharedKey(recipient.privateKey(), sender.publicKey());
    byte[] body = E2eEnvelope.seal(ks, sender.publicKey(), "hello".getBytes());
    assertArrayEquals(sender.publicKey(), E2eEnvelope.peekSenderKey(body));
    E2eEnvelope.Opened opened = E2eEnvelope.open(kr, body);
    assertArrayEquals("hello".getBytes(), opened.message());
    assertArrayEquals(sender.publicKey(), opened.senderKey());
  }

  @Test
  void everyE2eBodyHasOneSizeAndFitsARelaySend() throws Exception {
    byte[] k = E2eEnvelope.sharedKey(sender.privateKey(), recipient.publicKey());
    byte[] small = E2eEnvelope.seal(k, null, new byte[1]);
    byte[] large = E2eEnvelope.seal(k, null, new byte[E2eEnvelope.MAX_MESSAGE_BYTES]);
    assertEquals(small.length, large.length);
    assertEquals(true, large.length <= ProtocolLimits.MAX_MESSAGE_BYTES);
    assertNull(E2eEnvelope.open(k, small).senderKey());
  }

  @Test
  void theSameMessageOverTwoQueuesSharesNoCiphertext() throws Exception {
    byte[] k1 = E2eEnvelope.sharedKey(sender.privateKey(), recipient.publicKey());
    byte[] k2 = E2eEnvelope.sharedKey(X25519.generate().privateKey(), recipient.publicKey());
    byte[] m = new byte[1000];
    byte[] a = E2eEnvelope.seal(k1, null, m);
    byte[] b = E2eEnvelope.seal(k2, null, m);
    byte[] tailA = Arrays.copyOfRange(a, 20, a.length);
    byte[] tailB = Arrays.copyOfRange(b, 20, b.length);
    assertFalse(Arrays.equals(tailA, tailB));
  }

  @Test
  void aTamperedOrWronglyKeyedE2eBodyIsRefused() throws Exception {
    byte[] k = E2eEnvelope.sharedKey(sender.privateKey(), recipient.publicKey());
    byte[] body = E2eEnvelope.seal(k, null, "x".getBytes());
    body[body.length - 1] ^= 1;
    assertThrows(CryptoException.class, () -> E2eEnvelope.open(k, body));
    byte[] other = E2eEnvelope.seal(SecureRandoms.bytes(32), null, "x".getBytes());
    assertThrows(CryptoException.class, () -> E2eEnvelope.open(k, other));
    assertThrows(AgentFormatException.class, () -> E2eEnvelope.open(k, new byte[3]));
  }

  @Test
  void envelopesRoundTrip() throws AgentFormatException {
    AgentEnvelope c = AgentEnvelope.decode(
        new AgentEnvelope.Confirmation(new byte[] {1, 2}, new byte[] {3}).encode());
    assertArrayEquals(new byte[] {1, 2}, assertInstanceOf(AgentEnvelope.Confirmation.class, c)
        .ratchetKeys());
    AgentEnvelope c2 = AgentEnvelope.decode(
        new AgentEnvelope.Confirmation(null, new byte[] {3}).encode());
    assertNull(((AgentEnvelope.Confirmation) c2).ratchetKeys());
    AgentEnvelope m = AgentEnvelope.decode(new AgentEnvelope.Message(new byte[] {9}).encode());
    assertArrayEquals(new byte[] {9}, ((AgentEnvelope.Message) m).encAgentMessage());
    AgentEnvelope r = AgentEnvelope.decode(
        new AgentEnvelope.ContactRequest("parley:/invitation#/?v=1", "bob").encode());
    assertEquals("bob", ((AgentEnvelope.ContactRequest) r).profile());
    assertThrows(AgentFormatException.class, () -> AgentEnvelope.decode(new byte[] {'Z', 0, 1}));
    assertThrows(AgentFormatException.class, () -> AgentEnvelope.decode(new byte[] {'M', 0, 9}));
  }

  @Test
  void agentMessagesRoundTripAndChainByHash() throws AgentFormatException {
    AgentMessage first = new AgentMessage(1, new byte[0], new AgentMessage.Text("héllo"));
    AgentMessage second =
        new AgentMessage(2, first.hash(), new AgentMessage.Receipt(7, first.hash()));
    AgentMessage back1 = AgentMessage.decode(first.encode());
    AgentMessage back2 = AgentMessage.decode(second.encode());
    assertEquals("héllo", ((AgentMessage.Text) back1.body()).text());
    assertArrayEquals(first.hash(), back1.hash());
    assertEquals(MsgIntegrity.OK,
        MsgIntegrity.classify(back1.msgId(), back1.hash(), back2.msgId(), back2.prevHash()));
    assertEquals(7, ((AgentMessage.Receipt) back2.body()).receiptFor());
  }

  @Test
  void connInfoCarriesReplyQueuesForTheJoinerAndNoneForTheInviter() throws AgentFormatException {
    QueueUri q = new QueueUri("smp://h@127.0.0.1:1", SecureRandoms.bytes(24),
        SecureRandoms.bytes(32), QueueMode.MESSAGING);
    ConnInfo joiner = ConnInfo.decode(new ConnInfo(List.of(q), "{\"name\":\"bot\"}").encode());
    assertEquals(1, joiner.replyQueues().size());
    assertArrayEquals(q.senderId(), joiner.replyQueues().get(0).senderId());
    assertEquals("{\"name\":\"bot\"}", joiner.profile());
    ConnInfo inviter = ConnInfo.decode(new ConnInfo(List.of(), "").encode());
    assertEquals(0, inviter.replyQueues().size());
    assertThrows(AgentFormatException.class, () -> ConnInfo.decode(new byte[] {'D', 0}));
  }

  @Test
  void integrityIsClassifiedFromSequenceAndHash() {
    byte[] h = new byte[] {1};
    assertEquals(MsgIntegrity.Kind.OK, MsgIntegrity.classify(4, h, 5, h).kind());
    assertEquals(MsgIntegrity.Kind.DUPLICATE, MsgIntegrity.classify(4, h, 4, h).kind());
    assertEquals(MsgIntegrity.Kind.BAD_ID, MsgIntegrity.classify(4, h, 3, h).kind());
    assertEquals(MsgIntegrity.Kind.BAD_HASH, MsgIntegrity.classify(4, h, 5, new byte[] {2}).kind());
    MsgIntegrity skipped = MsgIntegrity.classify(4, h, 8, h);
    assertEquals(MsgIntegrity.Kind.SKIPPED, skipped.kind());
    assertEquals(5, skipped.from());
    assertEquals(7, skipped.to());
    assertEquals("bad_hash", new MsgIntegrity(MsgIntegrity.Kind.BAD_HASH, 0, 0).label());
  }
}
