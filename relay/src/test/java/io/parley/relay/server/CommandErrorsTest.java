package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.relay.Relay;
import io.parley.relay.client.BlockingRelayClient;
import io.parley.relay.client.Reply;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed and mis-credentialed commands get their typed ERR and the session stays usable. */
@ExtendWith(LeakCheck.class)
class CommandErrorsTest {
  private static final byte[] NONE = new byte[0];
  private static final byte[] AUTH = SecureRandoms.bytes(32);
  private static final byte[] ENTITY = SecureRandoms.bytes(24);

  @TempDir static Path dir;
  static Relay relay;
  static BlockingRelayClient client;

  @BeforeAll
  static void start() throws Exception {
    relay = RelayFixture.memoryOnly(dir);
    client = BlockingRelayClient.connect(relay.address());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    relay.close();
  }

  private static byte[] key() {
    return SecureRandoms.bytes(32);
  }

  private static byte[] cmd(String tag, byte[]... parts) {
    Encoder e = new Encoder().ascii(tag);
    for (byte[] p : parts) {
      e.raw(p);
    }
    return e.toByteArray();
  }

  private static byte[] shortField(byte[] v) {
    return new Encoder().shortBytes(v).toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  static Stream<Arguments> malformed() {
    byte[] k = shortField(key());
    return Stream.of(
        Arguments.of("unknown tag", cmd("HELLO"), AUTH, ENTITY, ErrorCode.CMD_UNKNOWN),
        Arguments.of("empty command", cmd(""), AUTH, ENTITY, ErrorCode.CMD_UNKNOWN),
        Arguments.of("lower-case tag", cmd("ping"), NONE, NONE, ErrorCode.CMD_UNKNOWN),
        Arguments.of("PING with a parameter", cmd("PING x"), NONE, NONE, ErrorCode.CMD_SYNTAX),
        Arguments.of("SUB with a parameter", cmd("SUB x"), AUTH, ENTITY, ErrorCode.CMD_SYNTAX),
        Arguments.of("NEW with a 31-byte key", cmd("NEW ", shortField(new byte[31]), k,
            ascii("TM")), AUTH, NONE, ErrorCode.CMD_SYNTAX),
        Arguments.of("NEW with a bad boolean", cmd("NEW ", k, k, ascii("XM")), AUTH, NONE,
            ErrorCode.CMD_SYNTAX),
        Arguments.of("NEW with an unknown mode", cmd("NEW ", k, k, ascii("TZ")), AUTH, NONE,
            ErrorCode.CMD_SYNTAX),
        Arguments.of("NEW cut short", cmd("NEW ", k), AUTH, NONE, ErrorCode.CMD_SYNTAX),
        Arguments.of("NEW with trailing bytes", cmd("NEW ", k, k, ascii("TMx")), AUTH, NONE,
            ErrorCode.CMD_SYNTAX),
        Arguments.of("KEY with trailing bytes", cmd("KEY ", k, ascii("x")), AUTH, ENTITY,
            ErrorCode.CMD_SYNTAX),
        Arguments.of("ACK with a 23-byte id", cmd("ACK ", shortField(new byte[23])), AUTH, ENTITY,
            ErrorCode.CMD_SYNTAX),
        Arguments.of("SEND with a bad boolean", cmd("SEND Xbody"), NONE, ENTITY,
            ErrorCode.CMD_SYNTAX),
        Arguments.of("SEND over the size limit",
            cmd("SEND T", new byte[ProtocolLimits.MAX_MESSAGE_BYTES + 1]), NONE, ENTITY,
            ErrorCode.LARGE_MSG),
        Arguments.of("NEW with an entity", cmd("NEW ", k, k, ascii("TM")), AUTH, ENTITY,
            ErrorCode.CMD_NO_ENTITY),
        Arguments.of("NEW without authorization", cmd("NEW ", k, k, ascii("TM")), NONE, NONE,
            ErrorCode.CMD_NO_AUTH),
        Arguments.of("PING with authorization", cmd("PING"), AUTH, NONE, ErrorCode.CMD_HAS_AUTH),
        Arguments.of("PING with an entity", cmd("PING"), NONE, ENTITY, ErrorCode.CMD_NO_ENTITY),
        Arguments.of("SUB without an entity", cmd("SUB"), AUTH, NONE, ErrorCode.CMD_NO_ENTITY),
        Arguments.of("SUB without authorization", cmd("SUB"), NONE, ENTITY, ErrorCode.CMD_NO_AUTH),
        Arguments.of("ACK without authorization", cmd("ACK ", shortField(new byte[24])), NONE,
            ENTITY, ErrorCode.CMD_NO_AUTH),
        Arguments.of("SKEY without authorization", cmd("SKEY ", k), NONE, ENTITY,
            ErrorCode.CMD_NO_AUTH),
        Arguments.of("SEND without an entity", cmd("SEND Tbody"), NONE, NONE,
            ErrorCode.CMD_NO_ENTITY),
        Arguments.of("OFF without an entity", cmd("OFF"), AUTH, NONE, ErrorCode.CMD_NO_ENTITY),
        Arguments.of("DEL without authorization", cmd("DEL"), NONE, ENTITY, ErrorCode.CMD_NO_AUTH),
        Arguments.of("SUB on an unknown queue", cmd("SUB"), AUTH, ENTITY, ErrorCode.AUTH),
        Arguments.of("SEND on an unknown queue", cmd("SEND Tx"), NONE, ENTITY, ErrorCode.AUTH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedOrMiscredentialedCommandGetsItsTypedErrorWithItsCorrelationId(
      String name, byte[] command, byte[] auth, byte[] entity, ErrorCode expected)
      throws Exception {
    byte[] corrId = SecureRandoms.bytes(24);
    client.send(new Transmission(auth, corrId, entity, command));
    Reply r = client.receive();
    assertArrayEquals(corrId, r.corrId());
    assertArrayEquals(entity, r.entityId());
    assertEquals(new Response.Err(expected), r.response());
    assertInstanceOf(Response.Pong.class, client.request(client.ping()));
  }

  @Test
  void aTransmissionThatDoesNotDecodeGetsSyntaxErrorWithoutIdsAndTheRestOfTheBlockRuns()
      throws Exception {
    byte[] broken = {(byte) 200, 1, 2}; // authorization length runs past the end
    Transmission ping = client.ping();
    byte[] block = io.parley.protocol.Block.encode(java.util.List.of(broken, ping.encode()));
    client.sendRaw(block);
    Reply first = client.receive();
    assertEquals(new Response.Err(ErrorCode.CMD_SYNTAX), first.response());
    assertArrayEquals(NONE, first.corrId());
    Reply second = client.receive();
    assertArrayEquals(ping.corrId(), second.corrId());
    assertInstanceOf(Response.Pong.class, second.response());
  }

  @Test
  void randomTransmissionsInsideValidBlocksOnlyEverGetTypedAnswers() throws Exception {
    java.util.Random random = new java.util.Random(42);
    String[] tags = {"NEW ", "KEY ", "SKEY ", "SUB", "ACK ", "SEND ", "OFF", "DEL", "PING", "X"};
    java.util.List<byte[]> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      byte[] tail = new byte[random.nextInt(i % 50 == 0 ? 16_100 : 120)];
      random.nextBytes(tail);
      byte[] command = cmd(tags[random.nextInt(tags.length)], tail);
      byte[] auth = random.nextBoolean() ? NONE : SecureRandoms.bytes(random.nextInt(40));
      byte[] entity = random.nextBoolean() ? NONE : SecureRandoms.bytes(random.nextInt(30));
      batch.add(new Transmission(auth, SecureRandoms.bytes(24), entity, command).encode());
    }
    batch.add(2, new byte[] {7, 1}); // fields running past the end
    for (byte[] block : io.parley.protocol.Block.batch(batch)) {
      client.sendRaw(block);
    }
    for (int i = 0; i < batch.size(); i++) {
      Response r = client.receive().response();
      // A bare PING may be drawn; nothing else can succeed without a valid authorization.
      if (!(r instanceof Response.Err || r instanceof Response.Pong)) {
        throw new AssertionError("answer " + i + " was " + r);
      }
    }
    assertInstanceOf(Response.Pong.class, client.request(client.ping()));
  }
}
