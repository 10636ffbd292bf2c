package io.parley.bench.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.bench.common.Percentiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextsAndPercentilesTest {
  @Test
  void benchmarkTextsHaveTheExactSizeAndCarryTheirIndex() {
    String text = Texts.of(4321, BenchOptions.TEXT_BYTES);
    assertEquals(BenchOptions.TEXT_BYTES, text.length());
    assertEquals(4321, Texts.indexOf(Map.of("text", text)));
    assertEquals(-1, Texts.indexOf(Map.of("text", "hello")));
    assertEquals(-1, Texts.indexOf(Map.of("text", "bench x1 ")));
    assertEquals(-1, Texts.indexOf(Map.of()));
  }

  @Test
  void percentilesUseTheNearestRank() {
    long[] nanos = new long[100];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (100 - i) * 1_000_000L;
    }
    Percentiles p = new Percentiles(nanos);
    assertEquals(50.0, p.millis(50));
    assertEquals(99.0, p.millis(99));
    assertEquals(100.0, p.maxMillis());
    assertEquals(1.0, new Percentiles(new long[] {1_000_000L}).millis(50));
  }
}
