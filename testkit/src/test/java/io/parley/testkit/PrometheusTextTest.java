package io.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String GOOD = """
      # HELP parley_sent_total Messages sent
      # TYPE parley_sent_total counter
      parley_sent_total{relay="127.0.0.1:5223"} 3.0
      parley_sent_total{relay="a\\\\b\\"c\\nd"} 1
      # TYPE parley_latency_seconds histogram
      parley_latency_seconds_bucket{le="0.1"} 1
      parley_latency_seconds_bucket{le="+Inf"} 2
      parley_latency_seconds_sum 0.35
      parley_latency_seconds_count 2
      # TYPE up gauge
      up NaN 1700000000000
      """;

  @Test
  void aWellFormedScrapeGivesEverySeriesWithItsLabelsAndValue() {
    PrometheusText t = PrometheusText.parse(GOOD);
    assertEquals("counter", t.type("parley_sent_total"));
    assertEquals("Messages sent", t.help("parley_sent_total"));
    assertEquals(3.0, t.value("parley_sent_total", "relay", "127.0.0.1:5223"));
    assertEquals(1.0, t.value("parley_sent_total", "relay", "a\\b\"c\nd"));
    assertEquals(4.0, t.sum("parley_sent_total"));
    assertEquals(2.0, t.value("parley_latency_seconds_bucket", "le", "+Inf"));
    assertEquals(2.0, t.value("parley_latency_seconds_count"));
    assertTrue(Double.isNaN(t.value("up")));
  }

  @Test
  void aCounterDeclaredWithoutItsTotalSuffixOwnsItsTotalSamples() {
    PrometheusText t = PrometheusText.parse("# TYPE x counter\nx_total 2\n");
    assertEquals(2.0, t.value("x_total"));
  }

  @Test
  void eachBreachOfTheFormatIsRefusedWithItsLine() {
    String[] bad = {
        "x 1",                                            // no final newline
        "1x 1\n",                                         // bad metric name
        "x{1a=\"v\"} 1\n",                                // bad label name
        "x{a=v} 1\n",                                     // unquoted label value
        "x{a=\"v} 1\n",                                   // unclosed label value
        "x{a=\"\\t\"} 1\n",                               // bad escape
        "x{a=\"v\",a=\"w\"} 1\n",                         // label twice
        "x one\n",                                        // value not a number
        "x 1 2 3\n",                                      // too many fields
        "x 1 soon\n",                                     // timestamp not an integer
        "# TYPE x gauge\n# TYPE x gauge\nx 1\n",          // TYPE twice
        "x 1\n# TYPE x gauge\n",                          // TYPE after samples
        "# TYPE x wobble\nx 1\n",                         // unknown type
        "x 1\ny 1\nx{a=\"b\"} 1\n",                       // family split
        "x 1\nx 2\n",                                     // series twice
        "# TYPE h histogram\nh_bucket 1\n",               // bucket without le
        "# TYPE h histogram\nh 1\n",                      // bare histogram sample
    };
    for (String text : bad) {
      assertThrows(PrometheusText.FormatException.class, () -> PrometheusText.parse(text),
          text);
    }
  }

  @Test
  void aValueLookupThatMatchesNoSeriesOrSeveralFails() {
    PrometheusText t = PrometheusText.parse(GOOD);
    assertThrows(AssertionError.class, () -> t.value("parley_sent_total"));
    assertThrows(AssertionError.class, () -> t.value("absent"));
  }
}
