package io.parley.daemon.api.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WebhookConfigTest {
  @Test
  void retryDelaysDoubleFromTheMinimumUpToTheCapWithTwentyPercentJitter() {
    WebhookConfig c = new WebhookConfig(1_000, 8_000, 10_000);
    assertEquals(1_000, c.retryDelayMillis(1, 0.5));
    assertEquals(2_000, c.retryDelayMillis(2, 0.5));
    assertEquals(4_000, c.retryDelayMillis(3, 0.5));
    assertEquals(8_000, c.retryDelayMillis(4, 0.5));
    assertEquals(8_000, c.retryDelayMillis(1_000, 0.5));
    assertEquals(800, c.retryDelayMillis(1, 0.0));
    assertEquals(1_200, c.retryDelayMillis(1, 1.0));
  }

  @Test
  void nonsensicalTimingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new WebhookConfig(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new WebhookConfig(10, 5, 1));
    assertThrows(IllegalArgumentException.class, () -> new WebhookConfig(1, 5, 0));
  }
}
