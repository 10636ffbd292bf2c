package io.parley.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.VersionRange;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.testing.TestIdentities;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Real TLS over loopback sockets with the relay's contexts. */
class TlsTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();
  private static final RelayIdentity OTHER = TestIdentities.other();
  private static final Clock CLOCK = Clock.systemUTC();

  /** A client context pinned to {@code relay}, judging certificates at the real time. */
  private static SSLContext pinning(RelayIdentity relay) {
    return Tls.clientContext(relay.keyHashBytes(), CLOCK);
  }

  /** Server side of a trivial exchange: one byte out, then the negotiated protocol. */
  private static final LoopbackTls.Exchange<String> SEND_ONE_BYTE = s -> {
    LoopbackTls.write(s.getOutputStream(), new byte[] {42});
    return s.getSession().getProtocol();
  };

  @Test
  void clientPinnedToTheRightKeyHashCompletesATls13HandshakeWithTheRelayChain() throws Exception {
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(RELAY), SEND_ONE_BYTE);
        SSLSocket client = server.connect(pinning(RELAY), "relay")) {
      client.startHandshake();
      assertEquals(42, client.getInputStream().read());
      SSLSession session = client.getSession();
      assertEquals("TLSv1.3", session.getProtocol());
      assertTrue(List.of(Tls.CIPHER_SUITES).contains(session.getCipherSuite()));
      X509Certificate[] chain = Tls.peerChain(session);
      assertArrayEquals(RELAY.chain(), chain);
      assertEquals("TLSv1.3", server.serverResult());
    }
  }

  @Test
  void hostNameIsNotCheckedSoAnyNameReachesTheRelayByItsKeyHash() throws Exception {
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(RELAY), SEND_ONE_BYTE);
        SSLSocket client = server.connect(
            pinning(RELAY), "some-other-name.example")) {
      client.startHandshake();
      assertEquals(42, client.getInputStream().read());
      assertEquals("TLSv1.3", server.serverResult());
    }
  }

  @Test
  void wrongKeyHashFailsTheTlsHandshakeAsAnIdentityMismatch() throws Exception {
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(RELAY), SEND_ONE_BYTE);
        SSLSocket client =
            server.connect(pinning(OTHER), "relay")) {
      SSLException e = assertThrows(SSLException.class, client::startHandshake);
      assertTrue(Tls.isIdentityMismatch(e), () -> "not an identity mismatch: " + e);
      assertThrows(ExecutionException.class, server::serverResult);
    }
  }

  @Test
  void onlineCertificateSignedByAnotherIdentityIsRefusedEvenWithTheRightIdentityCertificate()
      throws Exception {
    RelayIdentity forged = new RelayIdentity(RELAY.identityCertificate(),
        OTHER.identityPrivateKey(), OTHER.onlineCertificate(), OTHER.onlinePrivateKey());
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(forged), SEND_ONE_BYTE);
        SSLSocket client = server.connect(pinning(RELAY), "relay")) {
      SSLException e = assertThrows(SSLException.class, client::startHandshake);
      assertTrue(Tls.isIdentityMismatch(e), () -> "not an identity mismatch: " + e);
      assertThrows(ExecutionException.class, server::serverResult);
    }
  }

  @Test
  void clientOfferingOnlyTls12IsRefusedByTheRelay() throws Exception {
    SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
    tls12.init(null, null, SecureRandoms.get());
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(RELAY), SEND_ONE_BYTE);
        SSLSocket client = server.connect(tls12, "relay")) {
      client.setEnabledProtocols(new String[] {"TLSv1.2"});
      client.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
      assertThrows(SSLException.class, client::startHandshake);
      ExecutionException e = assertThrows(ExecutionException.class, server::serverResult);
      assertTrue(e.getCause() instanceof SSLException, () -> "unexpected: " + e.getCause());
    }
  }

  @Test
  void everyConnectionIsAFullHandshakeBecauseTheRelayIssuesNoSessionTickets() throws Exception {
    SSLContext clientCtx = pinning(RELAY);
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(RELAY), SEND_ONE_BYTE)) {
      long first = handshakeCreationTime(server, clientCtx);
      long second = handshakeCreationTime(server, clientCtx);
      // A resumed TLS 1.3 session keeps the creation time of the session it resumes; a full
      // handshake (two Ed25519 operations, over a millisecond) gets a later one.
      assertNotEquals(first, second);
    }
  }

  private static long handshakeCreationTime(LoopbackTls server, SSLContext clientCtx)
      throws Exception {
    try (SSLSocket client = server.connect(clientCtx, "relay")) {
      client.startHandshake();
      // Reading lets the client process a post-handshake NewSessionTicket, if one were sent.
      assertEquals(42, client.getInputStream().read());
      server.serverResult();
      return client.getSession().getCreationTime();
    }
  }

  @Test
  void sessionHandshakeOverTlsAgreesOnVersionAndSessionOnBothSides() throws Exception {
    byte[] sessionId = SecureRandoms.bytes(ProtocolLimits.SESSION_ID_BYTES);
    X25519.KeyPair sessionKey = X25519.generate();
    try (LoopbackTls server = LoopbackTls.start(Tls.serverContext(RELAY), s -> {
      RelayHello hello = RelayHello.create(
          VersionRange.SUPPORTED, sessionId, sessionKey.publicKey(), RELAY);
      LoopbackTls.write(s.getOutputStream(), ServerHandshake.helloBlock(hello));
      byte[] reply = LoopbackTls.readBlock(s.getInputStream(), ProtocolLimits.BLOCK_BYTES);
      return ServerHandshake.accept(reply, RELAY.keyHashBytes(), VersionRange.SUPPORTED);
    });
        SSLSocket client = server.connect(pinning(RELAY), "relay")) {
      client.startHandshake();
      byte[] helloBlock =
          LoopbackTls.readBlock(client.getInputStream(), ProtocolLimits.BLOCK_BYTES);
      ClientHandshake.Result result = ClientHandshake.respond(helloBlock,
          Tls.peerChain(client.getSession()), RELAY.keyHashBytes(), VersionRange.SUPPORTED,
          CLOCK);
      LoopbackTls.write(client.getOutputStream(), result.clientHelloBlock());
      assertEquals(1, server.serverResult());
      assertEquals(1, result.session().version());
      assertArrayEquals(sessionId, result.session().sessionId());
      assertArrayEquals(sessionKey.publicKey(), result.session().relaySessionKey());
    }
  }

  @Test
  void identityMismatchIsFoundAnywhereInTheCauseChainAndNowhereElse() {
    Exception wrapped = new SSLException("handshake failed",
        new IllegalStateException("x", new RelayIdentityMismatchException("hash differs")));
    assertTrue(Tls.isIdentityMismatch(wrapped));
    assertFalse(Tls.isIdentityMismatch(new SSLException("other failure")));
    assertFalse(Tls.isIdentityMismatch(null));
    assertEquals(RelayIdentityMismatchException.MESSAGE,
        new RelayIdentityMismatchException("d").getMessage());
  }
}
