package io.parley.bench.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bench.common.UsageException;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void noArgumentsGiveTheNamedDefaults() throws UsageException {
    assertEquals(BenchOptions.defaults(), BenchOptions.parse());
    assertEquals(BenchOptions.DEFAULT_RATE, BenchOptions.defaults().rate());
  }

  @Test
  void theDocumentedFlagsAreParsed() throws UsageException {
    BenchOptions o = BenchOptions.parse("--messages", "1000", "--connections", "8",
        "--rate", "250");
    assertEquals(1000, o.messages());
    assertEquals(8, o.connections());
    assertEquals(250, o.rate());
  }

  @Test
  void unknownFlagsMissingValuesAndOutOfRangeCountsAreRefused() {
    assertThrows(UsageException.class, () -> BenchOptions.parse("--fast", "1"));
    assertThrows(UsageException.class, () -> BenchOptions.parse("--messages"));
    assertThrows(UsageException.class, () -> BenchOptions.parse("--rate", "0"));
    UsageException e = assertThrows(UsageException.class,
        () -> BenchOptions.parse("--connections", "1000"));
    assertTrue(e.getMessage().contains(String.valueOf(BenchOptions.MAX_CONNECTIONS)));
  }

  @Test
  void thePqFlagIsOnByDefaultTakesOffAndRefusesAnythingElse() throws UsageException {
    assertTrue(BenchOptions.parse().pq());
    assertEquals(false, BenchOptions.parse("--pq", "off").pq());
    assertTrue(BenchOptions.parse("--pq", "on").pq());
    assertThrows(UsageException.class, () -> BenchOptions.parse("--pq", "maybe"));
  }
}
