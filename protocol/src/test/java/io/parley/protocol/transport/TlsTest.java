package io.parley.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.testing.TestIdentities;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class TlsTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();

  @Test
  void clientPinnedToTheRightKeyHashCompletesATls13HandshakeWithTheRelayChain() throws Exception {
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(RELAY), s -> {
      s.getOutputStream().write(42);
      s.getOutputStream().flush();
      return s.getSession().getProtocol();
    });
        SSLSocket client = server.connect(Tls.clientContext(RELAY.keyHashBytes()), "relay")) {
      client.startHandshake();
      assertEquals(42, client.getInputStream().read());
      SSLSession session = client.getSession();
      assertEquals("TLSv1.3", session.getProtocol());
      assertTrue(List.of(Tls.CIPHER_SUITES).contains(session.getCipherSuite()));
      X509Certificate[] chain = Tls.peerChain(session);
      assertEquals(2, chain.length);
      assertEquals(RELAY.onlineCertificate(), chain[0]);
      assertEquals(RELAY.identityCertificate(), chain[1]);
      assertEquals("TLSv1.3", server.serverResult());
    }
  }

  @Test
  void wrongKeyHashFailsTheTlsHandshakeAsAnIdentityMismatch() throws Exception {
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(RELAY), s -> null);
        SSLSocket client =
            server.connect(Tls.clientContext(TestIdentities.other().keyHashBytes()), "relay")) {
      SSLException e = assertThrows(SSLException.class, client::startHandshake);
      assertTrue(Tls.isIdentityMismatch(e), () -> "not a mismatch: " + e);
      assertThrows(ExecutionException.class, server::serverResult);
    }
  }
}
