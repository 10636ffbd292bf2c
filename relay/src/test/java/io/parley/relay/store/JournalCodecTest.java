package io.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The journal's append record written in two parts is the same record written whole. */
class JournalCodecTest {
  @Test
  void appendHeadFollowedByTheBodyIsByteForByteTheWholeAppendRecord() {
    byte[] rid = new byte[24];
    Arrays.fill(rid, (byte) 7);
    byte[] msgId = new byte[24];
    Arrays.fill(msgId, (byte) 9);
    byte[] body = new byte[16_000];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 31);
    }
    QueuedMessage m = new QueuedMessage(42, new StoredMessage(msgId, 1_700_000_000L, true, false,
        body));

    ByteBuffer whole = JournalCodec.append(rid, m);
    ByteBuffer head = JournalCodec.appendHead(rid, m);
    ByteBuffer joined = ByteBuffer.allocate(head.remaining() + body.length).put(head).put(body);

    assertEquals(whole.remaining(), joined.capacity());
    assertArrayEquals(bytes(whole), joined.array());
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
