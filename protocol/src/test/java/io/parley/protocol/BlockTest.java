package io.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.codec.CodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockTest {
  @Test
  void aBatchRoundTripsThroughOneFixedSizeBlock() throws CodecException {
    Random r = new Random(1);
    for (int c = 0; c < 2_000; c++) {
      List<byte[]> batch = new ArrayList<>();
      int n = 1 + r.nextInt(20);
      for (int i = 0; i < n; i++) {
        byte[] t = new byte[r.nextInt(600)];
        r.nextBytes(t);
        batch.add(t);
      }
      byte[] block = Block.encode(batch);
      assertEquals(ProtocolLimits.BLOCK_BYTES, block.length);
      List<byte[]> back = Block.decode(block);
      assertEquals(batch.size(), back.size());
      for (int i = 0; i < n; i++) {
        assertArrayEquals(batch.get(i), back.get(i));
      }
    }
  }

  @Test
  void batchingKeepsOrderAndPacksSmallTransmissionsTogether() throws CodecException {
    List<byte[]> ts = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      ts.add(new byte[] {(byte) (i >>> 8), (byte) i, 'O', 'K'});
    }
    List<byte[]> blocks = Block.batch(ts);
    assertEquals(4, blocks.size(), "255 transmissions per block at most");
    int i = 0;
    for (byte[] b : blocks) {
      for (byte[] t : Block.decode(b)) {
        assertArrayEquals(ts.get(i++), t);
      }
    }
    assertEquals(1_000, i);
  }

  @Test
  void largeTransmissionsGetTheirOwnBlocks() throws CodecException {
    byte[] big = new byte[Block.MAX_TRANSMISSION_BYTES];
    List<byte[]> blocks = Block.batch(List.of(big, new byte[3], big));
    assertEquals(3, blocks.size());
    assertArrayEquals(big, Block.decode(blocks.get(2)).get(0));
  }

  @Test
  void aTransmissionLargerThanABlockIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Block.batch(List.of(new byte[Block.MAX_TRANSMISSION_BYTES + 1])));
  }

  @Test
  void randomGarbageBlocksFailWithCodecExceptionOnly() {
    Random r = new Random(2);
    int failures = 0;
    for (int c = 0; c < 3_000; c++) {
      byte[] junk = new byte[ProtocolLimits.BLOCK_BYTES];
      r.nextBytes(junk);
      // Small plausible lengths make the decoder walk into the batch structure.
      int len = r.nextInt(300);
      junk[0] = (byte) (len >>> 8);
      junk[1] = (byte) len;
      try {
        Block.decode(junk);
      } catch (CodecException expected) {
        failures++;
      }
    }
    assertTrue(failures > 2_900, "almost all random blocks are malformed, got " + failures);
  }

  @Test
  void aBlockOfTheWrongSizeIsRefused() {
    assertThrows(CodecException.class, () -> Block.decode(new byte[100]));
  }

  @Test
  void anEmptyBatchIsMalformed() {
    byte[] block = io.parley.protocol.codec.Padding.pad(new byte[] {0}, ProtocolLimits.BLOCK_BYTES);
    assertThrows(CodecException.class, () -> Block.decode(block));
  }
}
