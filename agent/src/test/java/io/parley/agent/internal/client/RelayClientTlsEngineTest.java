package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.agent.Agent;
import io.parley.agent.AgentConfig;
import io.parley.agent.error.AgentException;
import io.parley.agent.model.RelayClientConfig;
import io.parley.agent.model.RelayTlsEngine;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.VersionRange;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.HandshakeException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayHello;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.protocol.transport.ServerHandshake;
import io.parley.protocol.transport.Tls;
import io.parley.relay.Relay;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import io.parley.transport.tls.TlsEngine;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The agent's relay client (on the JDK's TLS engine) against relays on both engines: pinning
 * by the key hash over the whole chain, TLS 1.3, and the session binding (the relay hello must
 * be signed by the TLS certificate's key) hold on each; and why the client is not on BoringSSL.
 */
@ExtendWith(LeakCheck.class)
class RelayClientTlsEngineTest {
  private static final RelayClientConfig CONFIG = RelayClientConfig.defaults()
      .withReconnectMillis(100, 1_000).withCommandTimeoutMillis(10_000);
  private static final String LOOPBACK = "127.0.0.1";
  /** A body that fills most of a block, so records and blocks straddle. UNIT: bytes. */
  private static final int LARGE_BODY_BYTES = 15_000;

  @TempDir Path dir;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final RecordingListener events = new RecordingListener();
  private RelayClientPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
    executor.shutdownNow();
  }


  private static void assumeLoads(TlsEngine... engines) {
    for (TlsEngine e : engines) {
      if (e == TlsEngine.OPENSSL) {
        assumeTrue(TlsEngine.openSslAvailable(), "BoringSSL does not load on this machine");
      }
    }
  }

  private RelayClient client(RelayTlsEngine engine, RelayAddress address) {
    pool = new RelayClientPool(CONFIG.withTlsEngine(engine), events, executor);
    return pool.client(address);
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void theClientCarriesFullBlocksBothWaysWithARelayOnEitherEngine(TlsEngine relayEngine)
      throws Exception {
    assumeLoads(relayEngine);
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.tlsEngine(relayEngine))) {
      RelayClient client = client(RelayTlsEngine.AUTO, relay.address());
      Queues q = Queues.create(client, true, QueueMode.MESSAGING);
      Await.result(client.secureBySender(q.sid(), q.senderAuth.privateKey(),
          q.senderAuth.publicKey()));
      byte[] body = SecureRandoms.bytes(LARGE_BODY_BYTES);
      Await.result(client.send(q.sid(), q.senderAuth.privateKey(), body));
      Await.until("the MSG", () -> events.messages.size() == 1);
      assertTrue(Arrays.equals(body, q.open(events.messages.get(0).msg()).body()));
      assertEquals(relayEngine, relay.tlsEngine());
    }
  }

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void aWrongKeyHashIsAnIdentityMismatchAndTheClientNeverComesUpOnEitherRelayEngine(
      TlsEngine engine) throws Exception {
    assumeLoads(engine);
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.tlsEngine(engine))) {
      RelayAddress impostor =
          new RelayAddress(TestIdentities.other().keyHash(), LOOPBACK, relay.port());
      RelayClient client = client(RelayTlsEngine.AUTO, impostor);
      Throwable t = Await.failure(client.ping());
      assertInstanceOf(RelayUnavailableException.class, t);
      assertTrue(Tls.isIdentityMismatch(t), "cause chain lacks the identity mismatch: " + t);
      assertFalse(client.isUp());
    }
  }

  /**
   * A relay whose TLS presents a renewed online certificate (same identity, same key hash)
   * but whose hello is signed by the previous online key: pinning passes, the binding must not.
   */
  @Test
  void aHelloNotSignedByTheTlsCertificatesKeyIsRefusedBeforeAnyClientHello() throws Exception {
    RelayIdentity signer = TestIdentities.relay();
    RelayIdentity presented = signer.withNewOnlineCertificate(Instant.now());
    try (SSLServerSocket server = (SSLServerSocket) Tls.serverContext(presented)
        .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Tls.configureServerSocket(server);
      CompletableFuture<Integer> afterHello = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.setSoTimeout(10_000);
          s.startHandshake();
          RelayHello hello = RelayHello.create(VersionRange.SUPPORTED,
              SecureRandoms.bytes(ProtocolLimits.SESSION_ID_BYTES),
              X25519.generate().publicKey(), signer);
          s.getOutputStream().write(ServerHandshake.helloBlock(hello));
          s.getOutputStream().flush();
          // What the client sends next: nothing, it closes (read gives -1 or fails).
          return new DataInputStream(s.getInputStream()).read();
        } catch (IOException e) {
          return -1;
        }
      }, executor);
      RelayClient client = client(RelayTlsEngine.AUTO,
          new RelayAddress(signer.keyHash(), LOOPBACK, server.getLocalPort()));
      Throwable t = Await.failure(client.ping());
      assertInstanceOf(RelayUnavailableException.class, t);
      HandshakeException h = causeOfType(t, HandshakeException.class);
      assertEquals(HandshakeException.Reason.BAD_SIGNATURE, h.reason());
      assertEquals(-1, Await.result(afterHello));
      assertFalse(client.isUp());
    }
  }

  /**
   * Why the agent refuses {@code openssl} for its relay clients: BoringSSL as a client offers
   * no Ed25519 signature scheme, so no relay can sign its CertificateVerify. If a netty-tcnative
   * upgrade lets a client offer it, this fails, and the agent can allow the engine.
   */
  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void boringSslAsAClientCannotCompleteATlsHandshakeWithAnEd25519Relay(TlsEngine relayEngine)
      throws Exception {
    assumeLoads(TlsEngine.OPENSSL, relayEngine);
    try (Relay relay = RelayFixture.memoryOnly(dir, b -> b.tlsEngine(relayEngine))) {
      RelayClient client = client(RelayTlsEngine.OPENSSL, relay.address());
      assertInstanceOf(RelayUnavailableException.class, Await.failure(client.ping()));
      Await.until("a failed connection", () -> !events.downs.isEmpty());
      assertFalse(client.isUp());
      assertTrue(events.ups.isEmpty());
      assertEquals(0, relay.counters().handshakesCompleted());
    }
  }

  @Test
  void anAgentAskedToRunItsRelayClientsOnBoringSslRefusesToStartAndSaysWhy() {
    RelayAddress relay = new RelayAddress(TestIdentities.relay().keyHash(), LOOPBACK, 5223);
    Path data = dir.resolve("agent");
    AgentException e = assertThrows(AgentException.class, () -> Agent.start(
        AgentConfig.of(data, List.of(relay), "A")
            .withRelayClient(CONFIG.withTlsEngine(RelayTlsEngine.OPENSSL))));
    assertEquals(AgentException.Reason.INVALID_ARGUMENT, e.reason());
    assertTrue(e.getMessage().contains("Ed25519"), e.getMessage());
    assertFalse(Files.exists(data), "the agent opened its store before refusing");
  }

  private static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return fail("no " + type.getSimpleName() + " in the cause chain of " + t, t);
  }
}
