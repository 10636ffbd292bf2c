package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Splitting a received stream into whole TLS records, whatever the read boundaries. */
class TlsRecordInboundTest {
  private static byte[] record(int length, int fill) {
    byte[] r = new byte[TlsRecordInbound.HEADER_BYTES + length];
    r[0] = 23;
    r[1] = 3;
    r[2] = 3;
    r[3] = (byte) (length >>> 8);
    r[4] = (byte) length;
    for (int i = TlsRecordInbound.HEADER_BYTES; i < r.length; i++) {
      r[i] = (byte) (fill + i);
    }
    return r;
  }

  /** Feeds {@code stream} in reads of random sizes; returns what was passed on, in order. */
  private static List<ByteBuf> feed(byte[] stream, long seed) {
    EmbeddedChannel ch = new EmbeddedChannel(new TlsRecordInbound());
    Random random = new Random(seed);
    int pos = 0;
    while (pos < stream.length) {
      int n = Math.min(stream.length - pos, 1 + random.nextInt(40_000));
      ByteBuf direct = Unpooled.directBuffer(n).writeBytes(stream, pos, n);
      ch.writeInbound(direct);
      assertEquals(0, direct.refCnt(), "each read is released");
      pos += n;
    }
    List<ByteBuf> out = new ArrayList<>();
    for (Object m; (m = ch.readInbound()) != null; ) {
      out.add((ByteBuf) m);
    }
    ch.finishAndReleaseAll();
    return out;
  }

  @Test
  void everyPassedOnBufferHoldsWholeRecordsOnHeapAndTogetherTheyAreTheStream() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    int[] lengths = {16_401, 16_401, 22, 1, 16_401, 18_432, 300, 16_401, 16_401, 16_401};
    for (int i = 0; i < lengths.length; i++) {
      stream.write(record(lengths[i], i));
    }
    byte[] all = stream.toByteArray();
    for (long seed = 1; seed <= 20; seed++) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (ByteBuf b : feed(all, seed)) {
        assertTrue(b.hasArray(), "heap buffer");
        int pos = b.readerIndex();
        while (pos < b.writerIndex()) {
          pos += TlsRecordInbound.HEADER_BYTES + b.getUnsignedShort(pos + 3);
        }
        assertEquals(b.writerIndex(), pos, "ends on a record boundary");
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        joined.write(bytes);
        b.release();
      }
      assertArrayEquals(all, joined.toByteArray(), "seed " + seed);
    }
  }

  @Test
  void aStreamThatIsNotTlsRecordsIsPassedOnUnframedForTheTlsHandlerToReject() {
    byte[] junk = new byte[100];
    junk[3] = (byte) 0xFF; // length 65535, beyond any TLS record
    junk[4] = (byte) 0xFF;
    EmbeddedChannel ch = new EmbeddedChannel(new TlsRecordInbound());
    ch.writeInbound(Unpooled.wrappedBuffer(junk));
    ByteBuf out = ch.readInbound();
    assertEquals(100, out.readableBytes());
    out.release();
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[7]));
    out = ch.readInbound();
    assertEquals(7, out.readableBytes(), "later bytes follow unframed too");
    out.release();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void anIncompleteRecordIsReleasedWhenTheConnectionCloses() {
    EmbeddedChannel ch = new EmbeddedChannel(new TlsRecordInbound());
    ch.writeInbound(Unpooled.wrappedBuffer(record(1000, 0), 0, 600));
    assertNull(ch.readInbound());
    assertFalse(ch.finishAndReleaseAll(), "nothing passed on or left over");
  }
}
