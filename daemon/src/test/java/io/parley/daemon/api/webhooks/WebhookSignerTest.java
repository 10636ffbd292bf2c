package io.parley.daemon.api.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  @Test
  void theSignatureIsHexHmacSha256OfTheBodyAsInRfc4231() {
    byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
    byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSigner.sign(key, body));
  }
}
