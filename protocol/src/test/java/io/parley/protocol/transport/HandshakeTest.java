package io.parley.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.VersionRange;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.HandshakeException.Reason;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The session handshake messages and both pure handshake sides, without sockets. */
class HandshakeTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();
  private static final byte[] HASH = RELAY.keyHashBytes();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final VersionRange V1_3 = new VersionRange(1, 3);

  private final byte[] sessionId = SecureRandoms.bytes(ProtocolLimits.SESSION_ID_BYTES);
  private final byte[] sessionKey = X25519.generate().publicKey();

  private RelayHello hello(VersionRange versions) {
    return RelayHello.create(versions, sessionId, sessionKey, RELAY);
  }

  private static Reason clientFailure(byte[] block, X509Certificate[] chain, VersionRange v) {
    return assertThrows(HandshakeException.class,
        () -> ClientHandshake.respond(block, chain, HASH, v, CLOCK)).reason();
  }

  private static Reason serverFailure(byte[] block, VersionRange v) {
    return assertThrows(HandshakeException.class,
        () -> ServerHandshake.accept(block, HASH, v)).reason();
  }

  @Test
  void relayHelloRoundTripsAndItsSignatureVerifiesWithTheOnlineCertificate() throws Exception {
    RelayHello decoded = RelayHello.decode(hello(V1_3).encode());
    assertEquals(V1_3, decoded.versions());
    assertArrayEquals(sessionId, decoded.sessionId());
    assertArrayEquals(sessionKey, decoded.relaySessionKey());
    assertTrue(decoded.verify(RELAY.onlineCertificate()));
    assertFalse(decoded.verify(RELAY.identityCertificate()));
    assertFalse(decoded.verify(TestIdentities.other().onlineCertificate()));
  }

  @Test
  void relayHelloLayoutIsVersionsSessionIdKeyAndSignature() {
    byte[] bytes = hello(V1_3).encode();
    String hex = HexFormat.of().formatHex(bytes);
    assertTrue(hex.startsWith("0001" + "0003" + "20" + HexFormat.of().formatHex(sessionId)
        + "20" + HexFormat.of().formatHex(sessionKey) + "40"), hex);
    assertEquals(4 + 33 + 33 + 65, bytes.length);
  }

  @Test
  void helloDecodersIgnoreTrailingBytesSoLaterVersionsCanExtendThem() throws Exception {
    byte[] extended = concat(hello(V1_3).encode(), new byte[] {9, 9, 9});
    assertTrue(RelayHello.decode(extended).verify(RELAY.onlineCertificate()));
    byte[] client = concat(new ClientHello(2, HASH).encode(), new byte[] {7});
    assertEquals(2, ClientHello.decode(client).version());
    assertArrayEquals(HASH, ClientHello.decode(client).keyHash());
  }

  @Test
  void clientPicksTheHighestCommonVersionAndTheServerAcceptsItsHello() throws Exception {
    byte[] block = ServerHandshake.helloBlock(hello(V1_3));
    assertEquals(ProtocolLimits.BLOCK_BYTES, block.length);
    ClientHandshake.Result r =
        ClientHandshake.respond(block, RELAY.chain(), HASH, new VersionRange(2, 5), CLOCK);
    assertEquals(3, r.session().version());
    assertArrayEquals(sessionId, r.session().sessionId());
    assertArrayEquals(sessionKey, r.session().relaySessionKey());
    assertEquals(ProtocolLimits.BLOCK_BYTES, r.clientHelloBlock().length);
    assertEquals(3, ServerHandshake.accept(r.clientHelloBlock(), HASH, V1_3));
  }

  @Test
  void theClientJudgesTheRelayChainAtTheInjectedClocksTime() throws Exception {
    byte[] block = ServerHandshake.helloBlock(hello(V1_3));
    Instant issued = RELAY.onlineCertificate().getNotBefore().toInstant();
    Clock stillValid = Clock.fixed(issued.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    assertEquals(3, ClientHandshake.respond(block, RELAY.chain(), HASH, V1_3, stillValid)
        .session().version());
    Clock afterExpiry = Clock.offset(Clock.fixed(RELAY.onlineCertificateNotAfter(),
        ZoneOffset.UTC), Duration.ofMinutes(1));
    HandshakeException e = assertThrows(HandshakeException.class,
        () -> ClientHandshake.respond(block, RELAY.chain(), HASH, V1_3, afterExpiry));
    assertEquals(Reason.IDENTITY, e.reason());
  }

  @Test
  void tamperedRelayHelloIsRefusedAsABadSignature() {
    byte[] bytes = hello(V1_3).encode();
    bytes[3] = 2; // maxVersion 3 -> 2: a downgrade attempt
    assertEquals(Reason.BAD_SIGNATURE,
        clientFailure(HandshakeBlocks.wrap(bytes), RELAY.chain(), V1_3));
    byte[] keySwapped = hello(V1_3).encode();
    keySwapped[4 + 33 + 5] ^= 1;
    assertEquals(Reason.BAD_SIGNATURE,
        clientFailure(HandshakeBlocks.wrap(keySwapped), RELAY.chain(), V1_3));
  }

  @Test
  void helloSignedByAnotherRelaysOnlineKeyIsRefusedAsABadSignature() {
    RelayHello foreign =
        RelayHello.create(V1_3, sessionId, sessionKey, TestIdentities.other());
    assertEquals(Reason.BAD_SIGNATURE,
        clientFailure(ServerHandshake.helloBlock(foreign), RELAY.chain(), V1_3));
  }

  @Test
  void disjointVersionRangesFailWithVersion() {
    byte[] block = ServerHandshake.helloBlock(hello(new VersionRange(4, 6)));
    HandshakeException e = assertThrows(HandshakeException.class,
        () -> ClientHandshake.respond(block, RELAY.chain(), HASH, V1_3, CLOCK));
    assertEquals(Reason.VERSION, e.reason());
    assertTrue(e.getMessage().contains("4..6"), e.getMessage());
  }

  @Test
  void serverRefusesAVersionOutsideItsRange() {
    byte[] block = HandshakeBlocks.wrap(new ClientHello(4, HASH).encode());
    assertEquals(Reason.VERSION, serverFailure(block, V1_3));
    byte[] zero = HandshakeBlocks.wrap(new ClientHello(0, HASH).encode());
    assertEquals(Reason.VERSION, serverFailure(zero, V1_3));
  }

  @Test
  void serverRefusesAClientHelloNamingAnotherIdentity() {
    byte[] block =
        HandshakeBlocks.wrap(new ClientHello(1, TestIdentities.other().keyHashBytes()).encode());
    assertEquals(Reason.IDENTITY, serverFailure(block, V1_3));
  }

  @Test
  void clientRefusesAPeerChainThatIsNotThePinnedRelay() {
    byte[] block = ServerHandshake.helloBlock(hello(V1_3));
    assertEquals(Reason.IDENTITY,
        clientFailure(block, TestIdentities.other().chain(), V1_3));
    assertEquals(Reason.IDENTITY,
        clientFailure(block, new X509Certificate[] {RELAY.onlineCertificate()}, V1_3));
  }

  @Test
  void malformedBlocksFailWithMalformedOnBothSides() {
    byte[][] bad = {
        new byte[0],
        new byte[ProtocolLimits.BLOCK_BYTES - 1],
        new byte[ProtocolLimits.BLOCK_BYTES + 1],
        filled(ProtocolLimits.BLOCK_BYTES, (byte) 0xFF), // padding length overruns the block
        HandshakeBlocks.wrap(new byte[0]),
        HandshakeBlocks.wrap(new byte[] {0, 1, 0, 1, 32}), // session id runs past the end
        HandshakeBlocks.wrap(Arrays.copyOf(hello(V1_3).encode(), 40)),
        HandshakeBlocks.wrap(new Encoder().u16(1).shortBytes(new byte[31]).toByteArray()),
    };
    for (byte[] block : bad) {
      assertEquals(Reason.MALFORMED, clientFailure(block, RELAY.chain(), V1_3));
      assertEquals(Reason.MALFORMED, serverFailure(block, V1_3));
    }
    assertEquals(Reason.MALFORMED, clientFailure(null, RELAY.chain(), V1_3));
  }

  @Test
  void relayHelloWithAnImpossibleVersionRangeIsACodecError() {
    byte[] inverted = hello(V1_3).encode();
    inverted[1] = 5; // minVersion 5 > maxVersion 3
    assertThrows(CodecException.class, () -> RelayHello.decode(inverted));
    byte[] zero = hello(V1_3).encode();
    zero[1] = 0;
    assertThrows(CodecException.class, () -> RelayHello.decode(zero));
  }

  @Test
  void relayHelloWithAShortSignatureDecodesButDoesNotVerify() throws Exception {
    byte[] bytes = new Encoder().u16(1).u16(1).shortBytes(sessionId).shortBytes(sessionKey)
        .shortBytes(new byte[10]).toByteArray();
    assertFalse(RelayHello.decode(bytes).verify(RELAY.onlineCertificate()));
    assertEquals(Reason.BAD_SIGNATURE,
        clientFailure(Padding.pad(bytes, ProtocolLimits.BLOCK_BYTES), RELAY.chain(), V1_3));
  }

  @Test
  void toStringsPrintNoSessionIdsOrKeys() {
    String hex = HexFormat.of().formatHex(sessionId);
    SessionParams params = new SessionParams(1, sessionId, sessionKey);
    for (Object o : new Object[] {params, hello(V1_3), new ClientHello(1, HASH),
        new ClientHandshake.Result(params, new byte[0])}) {
      assertFalse(o.toString().contains(hex), o.toString());
      assertFalse(o.toString().contains("[B@"), o.toString());
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] filled(int n, byte b) {
    byte[] out = new byte[n];
    Arrays.fill(out, b);
    return out;
  }
}
