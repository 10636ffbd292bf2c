package io.parley.bench.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void recordersGrowPastTheirFirstArrayAndMergeIntoOnePercentileSet() {
    LatencyRecorder a = new LatencyRecorder();
    LatencyRecorder b = new LatencyRecorder();
    int many = 100_000;
    for (int i = 1; i <= many; i++) {
      a.record(i * 1_000L);
    }
    b.record(500_000_000L);
    Percentiles p = LatencyRecorder.merged(List.of(a, b));
    assertEquals(many + 1, p.count());
    assertEquals(50_001, p.micros(50));
    assertEquals(500_000, p.micros(100));
    assertEquals(500.0, p.maxMillis());
  }

  @Test
  void noSamplesGiveZeroRatherThanAFailure() {
    Percentiles p = LatencyRecorder.merged(List.of(new LatencyRecorder()));
    assertEquals(0, p.count());
    assertEquals(0, p.micros(99));
    assertEquals(0.0, p.millis(50));
  }
}
