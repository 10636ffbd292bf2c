package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.protocol.Block;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.command.Command;
import io.parley.protocol.crypto.QueueAuth;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The work an AUTH answer costs must not tell whether a queue exists. Wall-clock assertions
 * would flake on a shared machine, so these tests count the expensive step (X25519 agreements)
 * on each path; the MAC runs once on every path by construction.
 */
class AuthorizerTest {
  private final byte[] sessionId = SecureRandoms.bytes(32);
  private final X25519.KeyPair session = X25519.generate();
  private final Authorizer authorizer = new Authorizer(sessionId, session.privateKey());

  private Request request(byte[] entityId, byte[] authKeyOrNull) {
    byte[] corrId = SecureRandoms.bytes(24);
    byte[] signed = new Encoder().shortBytes(corrId).shortBytes(entityId).ascii("SUB")
        .toByteArray();
    byte[] auth = new byte[32];
    if (authKeyOrNull != null) {
      byte[] all = new Encoder().shortBytes(sessionId).raw(signed).toByteArray();
      auth = QueueAuth.authenticate(authKeyOrNull, all);
    }
    return new Request(auth, corrId, entityId, ByteBuffer.wrap(signed));
  }

  @Test
  void aRightKeyVerifiesAndAWrongOneDoesNot() throws Exception {
    X25519.KeyPair queue = X25519.generate();
    byte[] key = QueueAuth.clientAuthKey(sessionId, queue.privateKey(), session.publicKey());
    byte[] rid = SecureRandoms.bytes(24);
    assertTrue(authorizer.verify(request(rid, key), queue.publicKey()));
    assertFalse(authorizer.verify(request(rid, SecureRandoms.bytes(32)), queue.publicKey()));
  }

  @Test
  void anUnknownQueueCostsTheSameAgreementsAsAKnownOneOnFirstAndLaterUse() {
    byte[] known = X25519.generate().publicKey();
    byte[] knownId = SecureRandoms.bytes(24);
    byte[] unknownId = SecureRandoms.bytes(24);

    long before = authorizer.agreements();
    assertFalse(authorizer.verify(request(knownId, SecureRandoms.bytes(32)), known));
    long knownFirst = authorizer.agreements() - before;

    before = authorizer.agreements();
    assertFalse(authorizer.verify(request(unknownId, SecureRandoms.bytes(32)), null));
    long unknownFirst = authorizer.agreements() - before;
    assertEquals(knownFirst, unknownFirst, "first use: one agreement on both paths");
    assertEquals(1, unknownFirst);

    before = authorizer.agreements();
    authorizer.verify(request(knownId, SecureRandoms.bytes(32)), known);
    authorizer.verify(request(unknownId, SecureRandoms.bytes(32)), null);
    assertEquals(0, authorizer.agreements() - before, "later uses: cached on both paths");
  }

  @Test
  void aSendBlockSplitAcrossTwoReceivedBuffersVerifiesAndDecodesAsAWholeOne() throws Exception {
    X25519.KeyPair queue = X25519.generate();
    byte[] key = QueueAuth.clientAuthKey(sessionId, queue.privateKey(), session.publicKey());
    byte[] sid = SecureRandoms.bytes(24);
    byte[] body = SecureRandoms.bytes(15_000);
    byte[] command = new Encoder().ascii("SEND T").raw(body).toByteArray();
    byte[] corrId = SecureRandoms.bytes(24);
    byte[] signed = new Encoder().shortBytes(corrId).shortBytes(sid).raw(command).toByteArray();
    byte[] auth = QueueAuth.authenticate(key,
        new Encoder().shortBytes(sessionId).raw(signed).toByteArray());
    byte[] block = Block.encode(new Transmission(auth, corrId, sid, command).encode());
    // TLS records from a JDK peer (16367 bytes at most) start anywhere within a block.
    int split = 8_000;
    CompositeByteBuf frame = Unpooled.compositeBuffer().addComponents(true,
        Unpooled.wrappedBuffer(block, 0, split),
        Unpooled.wrappedBuffer(block, split, block.length - split));
    List<Request> requests = new ArrayList<>();
    List<Command> commands = new ArrayList<>();
    boolean framed = InboundBlock.parse(frame, new InboundBlock.Sink() {
      @Override
      public void transmission(Request r, ByteBuf f, int offset, int length) {
        requests.add(r);
        try {
          commands.add(InboundBlock.command(f, offset, length));
        } catch (ProtocolException e) {
          throw new AssertionError(e);
        }
      }

      @Override
      public void undecodable() {
        throw new AssertionError("undecodable");
      }
    });

    assertTrue(framed);
    assertEquals(1, requests.size());
    assertTrue(requests.get(0).signedParts().length > 1, "the signed bytes span both pieces");
    assertTrue(authorizer.verify(requests.get(0), queue.publicKey()));
    assertArrayEquals(body, ((Command.Send) commands.get(0)).body());
    frame.release();
  }
}
