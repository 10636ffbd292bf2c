package io.parley.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecPropertiesTest {
  private static final long SEED = 0x5EED_0001L;
  private static final int CASES = 5_000;

  /** A field of a random kind with a random value, and how to read it back. */
  private record Field(int kind, long number, byte[] bytes) {}

  private static Field randomField(Random r) {
    int kind = r.nextInt(6);
    byte[] b = new byte[kind == 4 ? r.nextInt(256) : r.nextInt(600)];
    r.nextBytes(b);
    long n = switch (kind) {
      case 0 -> r.nextInt(256);
      case 1 -> r.nextInt(65_536);
      case 2 -> r.nextLong() & 0xFFFF_FFFFL;
      default -> r.nextLong();
    };
    return new Field(kind, n, b);
  }

  private static void write(Encoder e, Field f) {
    switch (f.kind()) {
      case 0 -> e.u8((int) f.number());
      case 1 -> e.u16((int) f.number());
      case 2 -> e.u32(f.number());
      case 3 -> e.i64(f.number());
      case 4 -> e.shortBytes(f.bytes());
      default -> e.largeBytes(f.bytes());
    }
  }

  private static void readAndCheck(Decoder d, Field f) throws CodecException {
    switch (f.kind()) {
      case 0 -> assertEquals(f.number(), d.u8());
      case 1 -> assertEquals(f.number(), d.u16());
      case 2 -> assertEquals(f.number(), d.u32());
      case 3 -> assertEquals(f.number(), d.i64());
      case 4 -> assertArrayEquals(f.bytes(), d.shortBytes());
      default -> assertArrayEquals(f.bytes(), d.largeBytes());
    }
  }

  private static List<Field> randomFields(Random r) {
    List<Field> fields = new ArrayList<>();
    int n = 1 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      fields.add(randomField(r));
    }
    return fields;
  }

  @Test
  void everySequenceOfFieldsDecodesToWhatWasEncoded() throws CodecException {
    Random r = new Random(SEED);
    for (int c = 0; c < CASES; c++) {
      List<Field> fields = randomFields(r);
      Encoder e = new Encoder();
      fields.forEach(f -> write(e, f));
      Decoder d = new Decoder(e.toByteArray());
      for (Field f : fields) {
        readAndCheck(d, f);
      }
      d.end();
    }
  }

  @Test
  void truncatedInputAlwaysFailsWithCodecExceptionNeverAnIndexError() {
    Random r = new Random(SEED + 1);
    for (int c = 0; c < CASES; c++) {
      List<Field> fields = randomFields(r);
      Encoder e = new Encoder();
      fields.forEach(f -> write(e, f));
      byte[] all = e.toByteArray();
      if (all.length == 0) {
        continue;
      }
      byte[] cut = java.util.Arrays.copyOf(all, r.nextInt(all.length));
      Decoder d = new Decoder(cut);
      try {
        for (Field f : fields) {
          readAndCheck(d, f);
        }
        d.end();
        fail("decoding " + cut.length + " of " + all.length + " bytes should fail");
      } catch (CodecException expected) {
        // the typed failure is the property under test
      }
    }
  }

  @Test
  void randomBytesReadAsFieldsNeverThrowAnythingButCodecException() {
    Random r = new Random(SEED + 2);
    for (int c = 0; c < CASES; c++) {
      byte[] junk = new byte[r.nextInt(64)];
      r.nextBytes(junk);
      Decoder d = new Decoder(junk);
      try {
        while (true) {
          switch (r.nextInt(5)) {
            case 0 -> d.shortBytes();
            case 1 -> d.largeBytes();
            case 2 -> d.bool();
            case 3 -> d.i64();
            default -> d.u32();
          }
        }
      } catch (CodecException expected) {
        // every path must end here
      }
    }
  }

  @Test
  void trailingBytesAreReportedByEnd() {
    Decoder d = new Decoder(new byte[] {1, 2, 3});
    assertThrows(CodecException.class, d::end);
  }

  @Test
  void booleanOtherThanTOrFIsASyntaxError() {
    assertThrows(CodecException.class, () -> new Decoder(new byte[] {'x'}).bool());
  }

  @Test
  void exactLengthShortFieldRejectsOtherLengths() {
    byte[] encoded = new Encoder().shortBytes(new byte[31]).toByteArray();
    CodecException e = assertThrows(
        CodecException.class, () -> new Decoder(encoded).shortBytes(32, "key"));
    assertEquals(0, e.offset());
  }
}
