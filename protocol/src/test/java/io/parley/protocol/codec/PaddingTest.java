package io.parley.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PaddingTest {
  private static final int CASES = 10_000;

  @Test
  void padThenUnpadReturnsTheContentAndAlwaysTheSameSize() throws CodecException {
    Random r = new Random(42);
    for (int c = 0; c < CASES; c++) {
      int size = 2 + r.nextInt(2_000);
      byte[] content = new byte[r.nextInt(size - 1)];
      r.nextBytes(content);
      byte[] padded = Padding.pad(content, size);
      assertEquals(size, padded.length);
      assertArrayEquals(content, Padding.unpad(padded));
    }
  }

  @Test
  void paddingBytesAreTheFillByteSoPaddingLeaksNothing() {
    byte[] padded = Padding.pad(new byte[] {9, 9}, 10);
    for (int i = 4; i < 10; i++) {
      assertEquals(Padding.FILL, padded[i]);
    }
  }

  @Test
  void aLengthPrefixLargerThanTheInputIsACodecException() {
    Random r = new Random(7);
    for (int c = 0; c < CASES; c++) {
      byte[] padded = new byte[2 + r.nextInt(100)];
      int claimed = padded.length - 1 + r.nextInt(60_000);
      padded[0] = (byte) (claimed >>> 8);
      padded[1] = (byte) claimed;
      if (claimed > padded.length - 2) {
        assertThrows(CodecException.class, () -> Padding.unpad(padded));
      }
    }
  }

  @Test
  void inputShorterThanThePrefixIsACodecException() {
    assertThrows(CodecException.class, () -> Padding.unpad(new byte[1]));
  }

  @Test
  void contentThatDoesNotFitIsRefusedBeforeAnythingIsWritten() {
    assertThrows(IllegalArgumentException.class, () -> Padding.pad(new byte[9], 10));
  }
}
