package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.VersionRange;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.ClientHandshake;
import io.parley.protocol.transport.HandshakeException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.protocol.transport.Tls;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import io.parley.transport.tls.TlsEngine;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay's TLS on both engines, seen by a JDK client: TLS 1.3 only, the chain
 * {@code [online, identity]} for key-hash pinning, a relay hello signed by the TLS
 * certificate's key (the session binding), and no session tickets.
 */
@ExtendWith(LeakCheck.class)
class TlsEngineTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();

  @TempDir Path dir;

  private Relay start(TlsEngine engine) throws IOException {
    if (engine == TlsEngine.OPENSSL) {
      assumeTrue(TlsEngine.openSslAvailable(), "BoringSSL does not load on this machine");
    }
    return RelayFixture.memoryOnly(dir, b -> b.tlsEngine(engine));
  }

  private static SSLSocket connect(Relay relay, SSLContext ctx) throws IOException {
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(
        InetAddress.getLoopbackAddress(), relay.port());
    Tls.configureClientSocket(s);
    s.setSoTimeout(BlockingRelayClient.DEFAULT_READ_TIMEOUT_MILLIS);
    return s;
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void eachEngineRunsTheEngineItWasAskedFor(TlsEngine engine) throws Exception {
    try (Relay relay = start(engine)) {
      assertEquals(engine, relay.tlsEngine());
    }
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void eachEngineServesTls13WithTheRelayChainAndAHelloSignedByTheTlsKey(TlsEngine engine)
      throws Exception {
    try (Relay relay = start(engine);
        SSLSocket s = connect(relay, Tls.clientContext(RELAY.keyHashBytes(), Clock.systemUTC()))) {
      s.startHandshake();
      SSLSession session = s.getSession();
      assertEquals("TLSv1.3", session.getProtocol());
      assertTrue(List.of(Tls.CIPHER_SUITES).contains(session.getCipherSuite()),
          session.getCipherSuite());
      assertArrayEquals(RELAY.chain(), Tls.peerChain(session));
      byte[] hello = new byte[ProtocolLimits.BLOCK_BYTES];
      new DataInputStream(s.getInputStream()).readFully(hello);
      // respond() verifies the hello's signature with chain[0]'s key: the session binding.
      ClientHandshake.Result r = ClientHandshake.respond(hello, Tls.peerChain(session),
          RELAY.keyHashBytes(), VersionRange.SUPPORTED, Clock.systemUTC());
      assertEquals(VersionRange.SUPPORTED.max(), r.session().version());
    }
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void eachEngineCarriesSessionsEndToEnd(TlsEngine engine) throws Exception {
    try (Relay relay = start(engine);
        BlockingRelayClient c = BlockingRelayClient.connect(relay.address())) {
      assertInstanceOf(Response.Pong.class, c.request(c.ping()));
    }
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void onEachEngineAWrongKeyHashFailsAsAnIdentityMismatch(TlsEngine engine) throws Exception {
    try (Relay relay = start(engine)) {
      RelayAddress wrong = new RelayAddress(TestIdentities.other().keyHash(), "127.0.0.1",
          relay.port());
      HandshakeException e = assertThrows(HandshakeException.class,
          () -> BlockingRelayClient.connect(wrong));
      assertEquals(HandshakeException.Reason.IDENTITY, e.reason());
    }
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void eachEngineRefusesAClientOfferingOnlyTls12(TlsEngine engine) throws Exception {
    SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
    tls12.init(null, null, SecureRandoms.get());
    try (Relay relay = start(engine); SSLSocket s = connect(relay, tls12)) {
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      s.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
      assertThrows(SSLException.class, s::startHandshake);
    }
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void onEachEngineAClientOfferingOnlyChaCha20NeverGetsARelayHello(TlsEngine engine)
      throws Exception {
    try (Relay relay = start(engine);
        SSLSocket s = connect(relay, Tls.clientContext(RELAY.keyHashBytes(), Clock.systemUTC()))) {
      s.setEnabledCipherSuites(new String[] {"TLS_CHACHA20_POLY1305_SHA256"});
      // The JDK engine refuses it in TLS; BoringSSL agrees to it and the relay closes at once.
      assertThrows(IOException.class, () -> {
        s.startHandshake();
        new DataInputStream(s.getInputStream()).readFully(new byte[ProtocolLimits.BLOCK_BYTES]);
      });
    }
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void onEachEngineEveryConnectionIsAFullHandshakeWithoutSessionTickets(TlsEngine engine)
      throws Exception {
    SSLContext ctx = Tls.clientContext(RELAY.keyHashBytes(), Clock.systemUTC());
    try (Relay relay = start(engine)) {
      assertNotEquals(creationTimeAfterHello(relay, ctx), creationTimeAfterHello(relay, ctx));
    }
  }

  /**
   * A resumed TLS 1.3 session keeps the creation time of the one it resumes; a full handshake
   * gets its own. Reading the relay hello lets the client take a NewSessionTicket, if any.
   */
  private static long creationTimeAfterHello(Relay relay, SSLContext ctx) throws IOException {
    try (SSLSocket s = connect(relay, ctx)) {
      s.startHandshake();
      new DataInputStream(s.getInputStream()).readFully(new byte[ProtocolLimits.BLOCK_BYTES]);
      return s.getSession().getCreationTime();
    }
  }
}
