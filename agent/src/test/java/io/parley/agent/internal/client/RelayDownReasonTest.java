package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RelayDownReasonTest {
  @Test
  void commonFailuresAreReasonsInWordsFoundThroughTheirCauses() {
    assertEquals("connection closed", RelayDownReason.of(null));
    assertEquals("connection refused", RelayDownReason.of(new ConnectException("refused")));
    assertEquals("the relay's host name does not resolve",
        RelayDownReason.of(new IOException("wrapped", new UnknownHostException("x"))));
    assertEquals("TLS handshake with the relay failed",
        RelayDownReason.of(new SSLHandshakeException("bad")));
    assertEquals("connection closed", RelayDownReason.of(new ClosedChannelException()));
    assertEquals("connection reset",
        RelayDownReason.of(new IOException("Connection reset by peer")));
  }

  @Test
  void noReasonIsAJavaClassName() {
    for (Throwable t : List.of(new IllegalStateException(), new ClosedChannelException(),
        new RuntimeException(new ConnectException()), new IOException("relay hello invalid"))) {
      String reason = RelayDownReason.of(t);
      assertFalse(reason.matches(".*\\b[A-Z][a-z]+[A-Z]\\w*(Exception|Error)\\b.*"), reason);
    }
    assertEquals("connection failed: relay hello invalid",
        RelayDownReason.of(new IOException("relay hello invalid\nsecond line")));
    assertEquals("connection failed", RelayDownReason.of(new IllegalStateException()));
  }
}
