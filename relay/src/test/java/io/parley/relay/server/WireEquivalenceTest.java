package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.parley.protocol.Block;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.DeliveryCrypto;
import io.parley.protocol.crypto.QueueAuth;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.relay.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The relay's copy-free codec paths produce and accept exactly what the protocol library's
 * reference encoders do.
 */
class WireEquivalenceTest {
  private final Random random = new Random(7);

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Test
  void blockWriterPacksTheSameBlocksAsBlockBatchIncludingMessagesInPlace() {
    byte[] rid = bytes(24);
    byte[] key = bytes(32);
    StoredMessage m = new StoredMessage(bytes(24), 1_700_000_000L, true, false, bytes(5000));
    byte[] sealed = DeliveryCrypto.seal(key, m.msgId(),
        new DeliveredMessage(m.timestamp(), false, true, m.body()).encodePadded());
    byte[] msg = Transmission.event(rid, Commands.encode(new Response.Msg(m.msgId(), sealed)))
        .encode();
    assertEquals(DeliveryEncoder.TRANSMISSION_BYTES, msg.length);

    List<byte[]> reference = new ArrayList<>();
    List<ByteBuf> written = new ArrayList<>();
    BlockWriter w = new BlockWriter(UnpooledByteBufAllocator.DEFAULT, written::add);
    for (int i = 0; i < 600; i++) {
      if (i % 97 == 5) {
        reference.add(msg);
        w.add(new OutboundQueue.Delivery(rid, m, key));
      } else {
        byte[] small = bytes(random.nextInt(80));
        reference.add(small);
        w.add(small);
      }
    }
    w.finish();
    List<byte[]> expected = Block.batch(reference);
    assertEquals(expected.size(), written.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), ByteBufUtil.getBytes(written.get(i)), "block " + i);
      written.get(i).release();
    }
  }

  @Test
  void aQuotaMarkerIsEncodedLikeTheReference() {
    byte[] rid = bytes(24);
    byte[] key = bytes(32);
    StoredMessage m = new StoredMessage(bytes(24), 5L, false, true, new byte[0]);
    List<ByteBuf> written = new ArrayList<>();
    BlockWriter w = new BlockWriter(UnpooledByteBufAllocator.DEFAULT, written::add);
    w.add(new OutboundQueue.Delivery(rid, m, key));
    w.finish();
    byte[] sealed = DeliveryCrypto.seal(key, m.msgId(), DeliveredMessage.quota(5L).encodePadded());
    byte[] expected = Block.encode(
        Transmission.event(rid, Commands.encode(new Response.Msg(m.msgId(), sealed))).encode());
    assertArrayEquals(expected, ByteBufUtil.getBytes(written.get(0)));
    written.get(0).release();
  }

  @Test
  void inboundParsingAgreesWithBlockAndTransmissionDecodeAndStreamedMacsVerify() throws Exception {
    X25519.KeyPair session = X25519.generate();
    X25519.KeyPair queueKey = X25519.generate();
    byte[] sessionId = SecureRandoms.bytes(32);
    byte[] authKey = QueueAuth.clientAuthKey(sessionId, queueKey.privateKey(), session.publicKey());
    List<byte[]> transmissions = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] command = i % 3 == 0 ? Commands.encode(new Command.Send(i % 2 == 0, bytes(300)))
          : Commands.encode(new Command.Ping());
      Transmission unsigned = new Transmission(new byte[0], bytes(24), bytes(i % 4 * 8), command);
      byte[] auth = QueueAuth.authenticate(authKey, unsigned.authorizedBytes(sessionId));
      transmissions.add(new Transmission(auth, unsigned.corrId(), unsigned.entityId(), command)
          .encode());
    }
    byte[] block = Block.batch(transmissions).get(0);
    List<byte[]> reference = Block.decode(block);
    Authorizer authorizer = new Authorizer(sessionId, session.privateKey());
    List<Object[]> seen = new ArrayList<>();
    boolean framed = InboundBlock.parse(Unpooled.wrappedBuffer(block), new InboundBlock.Sink() {
      @Override
      public void transmission(Request r, ByteBuf f, int offset, int length) {
        try {
          seen.add(new Object[] {r, InboundBlock.command(f, offset, length),
              authorizer.verify(r, queueKey.publicKey())});
        } catch (ProtocolException e) {
          throw new AssertionError(e);
        }
      }

      @Override
      public void undecodable() {
        throw new AssertionError("every transmission decodes");
      }
    });
    assertTrue(framed);
    assertEquals(reference.size(), seen.size());
    for (int i = 0; i < seen.size(); i++) {
      Transmission t = Transmission.decode(reference.get(i));
      Request r = (Request) seen.get(i)[0];
      assertArrayEquals(t.corrId(), r.corrId());
      assertArrayEquals(t.entityId(), r.entityId());
      assertArrayEquals(t.authorization(), r.authorization());
      assertArrayEquals(Commands.encode(Commands.decodeCommand(t.command())),
          Commands.encode((Command) seen.get(i)[1]));
      assertEquals(true, seen.get(i)[2], "streamed MAC of transmission " + i);
    }
  }

  @Test
  void malformedFramingIsRefusedExactlyWhenBlockDecodeRefusesIt() {
    byte[] good = Block.encode(List.of(bytes(10), bytes(20)));
    List<byte[]> cases = new ArrayList<>();
    cases.add(good);
    for (int i = 0; i < 300; i++) {
      byte[] mutated = good.clone();
      mutated[random.nextInt(40)] = (byte) random.nextInt(256);
      cases.add(mutated);
    }
    for (byte[] b : cases) {
      boolean referenceOk;
      try {
        Block.decode(b);
        referenceOk = true;
      } catch (CodecException e) {
        referenceOk = false;
      }
      boolean ok = InboundBlock.parse(Unpooled.wrappedBuffer(b), new InboundBlock.Sink() {
        @Override
        public void transmission(Request r, ByteBuf f, int offset, int length) {}

        @Override
        public void undecodable() {}
      });
      assertEquals(referenceOk, ok);
    }
    assertFalse(InboundBlock.parse(Unpooled.wrappedBuffer(new byte[ProtocolLimits.BLOCK_BYTES]),
        null));
  }
}
