package io.parley.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.parley.agent.internal.e2e.Decrypted;
import io.parley.agent.internal.e2e.Envelope;
import io.parley.agent.internal.e2e.MessageOpening;
import io.parley.agent.internal.e2e.Opening;
import io.parley.agent.internal.e2e.Sealing;
import io.parley.agent.internal.e2e.Unusable;
import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.agent.MsgIntegrity;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.DeliveryCrypto;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receive pipeline on its own: typed results for every odd message a peer or relay makes. */
class MessageOpeningTest {
  Ratchet sender;
  Ratchet receiver;
  long receiverLastId;
  byte[] receiverLastHash;
  byte[] senderPrevHash = new byte[0];

  @BeforeEach
  void handshake() throws Exception {
    X3dhKeyPairs inviter = X3dhKeyPairs.generate();
    X3dhKeyPairs joiner = X3dhKeyPairs.generate();
    sender = Ratchet.initJoiner(joiner, inviter.publicKeys());
    receiver = Ratchet.initInviter(inviter, joiner.publicKeys());
  }

  @Test
  void messagesOutOfOrderAreReadAndClassifiedSkippedThenBadId() throws Exception {
    List<byte[]> m = encrypt(3);

    assertEquals(MsgIntegrity.Kind.OK, accept(m.get(0)).integrity().kind());
    Decrypted.Accepted third = accept(m.get(2));
    assertEquals(new MsgIntegrity(MsgIntegrity.Kind.SKIPPED, 2, 2), third.integrity());
    Decrypted.Accepted second = accept(m.get(1));
    assertEquals(MsgIntegrity.Kind.BAD_ID, second.integrity().kind());
    assertEquals("m2", ((AgentMessage.Text) second.message().body()).text());
  }

  @Test
  void aMessageReadTwiceIsADuplicate() throws Exception {
    List<byte[]> m = encrypt(1);
    accept(m.get(0));

    assertInstanceOf(Decrypted.Duplicate.class, open(m.get(0)));
  }

  @Test
  void aJumpPastTheSkipLimitIsATypedFailureAndLeavesTheRatchetUsable() throws Exception {
    List<byte[]> m = encrypt(Ratchet.MAX_SKIP + 2);

    Decrypted far = open(m.get(m.size() - 1));

    assertEquals(new Decrypted.Failed(Decrypted.Failure.TOO_MANY_SKIPPED), far);
    assertEquals(MsgIntegrity.Kind.OK, accept(m.get(0)).integrity().kind());
  }

  @Test
  void bytesThatAreNoRatchetMessageAreUndecryptable() {
    byte[] garbage = SecureRandoms.bytes(AgentLimits.MESSAGE_PADDED_BYTES + Ratchet.OVERHEAD_BYTES);

    assertEquals(new Decrypted.Failed(Decrypted.Failure.UNDECRYPTABLE), open(garbage));
  }

  @Test
  void aTamperedSendBodyIsRejectedBeforeTheRatchet() throws Exception {
    byte[] e2eKey = SecureRandoms.bytes(32);
    byte[] body = Sealing.message(sender, e2eKey, new AgentMessage(1, new byte[0],
        new AgentMessage.Text("hi")));
    body[body.length - 1] ^= 1;
    X25519.KeyPair own = X25519.generate();
    byte[] deliveryKey = SecureRandoms.bytes(32);
    byte[] msgId = SecureRandoms.bytes(24);
    byte[] enc = DeliveryCrypto.seal(deliveryKey, msgId,
        new DeliveredMessage(0, false, false, body).encodePadded());

    Response.Msg msg = new Response.Msg(msgId, enc);
    Envelope env = Opening.open(deliveryKey, own.privateKey(), e2eKey, msg);

    assertEquals(new Envelope.Rejected(Unusable.E2E_UNDECRYPTABLE), env);
    assertEquals(new Envelope.Rejected(Unusable.RELAY_LAYER),
        Opening.open(SecureRandoms.bytes(32), own.privateKey(), e2eKey, msg));
  }

  private List<byte[]> encrypt(int n) throws Exception {
    List<byte[]> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      AgentMessage msg = new AgentMessage(i, senderPrevHash, new AgentMessage.Text("m" + i));
      senderPrevHash = msg.hash();
      out.add(sender.encrypt(msg.encode(), AgentLimits.MESSAGE_PADDED_BYTES));
    }
    return out;
  }

  private Decrypted open(byte[] enc) {
    return MessageOpening.open(receiver, receiverLastId, receiverLastHash, enc);
  }

  private Decrypted.Accepted accept(byte[] enc) {
    Decrypted.Accepted a = assertInstanceOf(Decrypted.Accepted.class, open(enc));
    if (a.integrity().kind() != MsgIntegrity.Kind.BAD_ID) {
      receiverLastId = a.message().msgId();
      receiverLastHash = a.hash();
    }
    return a;
  }
}
