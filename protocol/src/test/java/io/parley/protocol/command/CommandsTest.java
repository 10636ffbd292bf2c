package io.parley.protocol.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandsTest {
  private static final Random RANDOM = new Random(99);

  private static byte[] rnd(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Test
  void everyCommandDecodesToWhatWasEncoded() throws ProtocolException {
    List<Command> all = List.of(
        new Command.New(rnd(32), rnd(32), true, QueueMode.MESSAGING),
        new Command.New(rnd(32), rnd(32), false, QueueMode.CONTACT),
        new Command.Key(rnd(32)),
        new Command.SKey(rnd(32)),
        new Command.Sub(),
        new Command.Ack(rnd(24)),
        new Command.Send(true, rnd(ProtocolLimits.MAX_MESSAGE_BYTES)),
        new Command.Send(false, new byte[0]),
        new Command.Off(),
        new Command.Del(),
        new Command.Ping());
    for (Command c : all) {
      Command back = Commands.decodeCommand(Commands.encode(c));
      assertEquals(c.getClass(), back.getClass());
      assertArrayEquals(Commands.encode(c), Commands.encode(back));
    }
  }

  @Test
  void everyResponseDecodesToWhatWasEncoded() throws CodecException {
    List<Response> all = List.of(
        new Response.Ids(rnd(24), rnd(24), rnd(32), QueueMode.MESSAGING),
        new Response.Msg(rnd(24), rnd(16_028)),
        new Response.End(),
        new Response.Ok(),
        new Response.Pong());
    for (Response r : all) {
      Response back = Commands.decodeResponse(Commands.encode(r));
      assertEquals(r.getClass(), back.getClass());
      assertArrayEquals(Commands.encode(r), Commands.encode(back));
    }
    for (ErrorCode code : ErrorCode.values()) {
      Response back = Commands.decodeResponse(Commands.encode(new Response.Err(code)));
      assertEquals(code, assertInstanceOf(Response.Err.class, back).code());
    }
  }

  static Stream<Arguments> malformedCommands() {
    return Stream.of(
        Arguments.of("unknown tag", ascii("HELLO"), ErrorCode.CMD_UNKNOWN),
        Arguments.of("lower-case tag", ascii("ping"), ErrorCode.CMD_UNKNOWN),
        Arguments.of("empty command", new byte[0], ErrorCode.CMD_UNKNOWN),
        Arguments.of("PING with parameters", ascii("PING x"), ErrorCode.CMD_SYNTAX),
        Arguments.of("SUB with trailing space", ascii("SUB "), ErrorCode.CMD_SYNTAX),
        Arguments.of("KEY without key", ascii("KEY "), ErrorCode.CMD_SYNTAX),
        Arguments.of("KEY with a short key", concat(ascii("KEY "), new byte[] {31}, rnd(31)),
            ErrorCode.CMD_SYNTAX),
        Arguments.of("KEY with trailing bytes", concat(ascii("KEY "), new byte[] {32}, rnd(33)),
            ErrorCode.CMD_SYNTAX),
        Arguments.of("SKEY with a length past the end",
            concat(ascii("SKEY "), new byte[] {(byte) 200}),
            ErrorCode.CMD_SYNTAX),
        Arguments.of("ACK with a 23-byte id", concat(ascii("ACK "), new byte[] {23}, rnd(23)),
            ErrorCode.CMD_SYNTAX),
        Arguments.of("NEW missing its mode",
            concat(ascii("NEW "), new byte[] {32}, rnd(32), new byte[] {32}, rnd(32), ascii("T")),
            ErrorCode.CMD_SYNTAX),
        Arguments.of("NEW with an unknown mode",
            concat(ascii("NEW "), new byte[] {32}, rnd(32), new byte[] {32}, rnd(32), ascii("TX")),
            ErrorCode.CMD_SYNTAX),
        Arguments.of("NEW with a bad boolean",
            concat(ascii("NEW "), new byte[] {32}, rnd(32), new byte[] {32}, rnd(32), ascii("yM")),
            ErrorCode.CMD_SYNTAX),
        Arguments.of("SEND without flag", ascii("SEND "), ErrorCode.CMD_SYNTAX),
        Arguments.of("SEND with a bad flag", ascii("SEND xbody"), ErrorCode.CMD_SYNTAX),
        Arguments.of("SEND over the size limit",
            concat(ascii("SEND T"), new byte[ProtocolLimits.MAX_MESSAGE_BYTES + 1]),
            ErrorCode.LARGE_MSG));
  }

  @ParameterizedTest(name = "{0} is refused with {2}")
  @MethodSource("malformedCommands")
  void malformedCommandsAreRefusedWithTheirTypedError(String name, byte[] bytes, ErrorCode want) {
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Commands.decodeCommand(bytes));
    assertEquals(want, e.code(), name);
  }

  @Test
  void randomBytesNeverEscapeAsAnythingButProtocolException() {
    Random r = new Random(5);
    String[] tags = {"NEW ", "KEY ", "SKEY ", "ACK ", "SEND ", "SUB", "PING", "X"};
    for (int c = 0; c < 5_000; c++) {
      byte[] bytes = concat(ascii(tags[r.nextInt(tags.length)]), rnd(r.nextInt(80)));
      try {
        Commands.decodeCommand(bytes);
      } catch (ProtocolException expected) {
        // typed
      }
    }
  }

  private static final byte[] NONE = new byte[0];

  static Stream<Arguments> credentialTable() {
    byte[] id = new byte[24];
    byte[] auth = new byte[32];
    return Stream.of(
        Arguments.of(new Command.New(auth, auth, true, QueueMode.MESSAGING), auth, id,
            ErrorCode.CMD_NO_ENTITY),
        Arguments.of(new Command.New(auth, auth, true, QueueMode.MESSAGING), NONE, NONE,
            ErrorCode.CMD_NO_AUTH),
        Arguments.of(new Command.Ping(), auth, NONE, ErrorCode.CMD_HAS_AUTH),
        Arguments.of(new Command.Ping(), NONE, id, ErrorCode.CMD_NO_ENTITY),
        Arguments.of(new Command.Sub(), auth, NONE, ErrorCode.CMD_NO_ENTITY),
        Arguments.of(new Command.Sub(), NONE, id, ErrorCode.CMD_NO_AUTH),
        Arguments.of(new Command.Ack(id), NONE, id, ErrorCode.CMD_NO_AUTH),
        Arguments.of(new Command.Send(false, NONE), NONE, NONE, ErrorCode.CMD_NO_ENTITY),
        Arguments.of(new Command.Del(), NONE, id, ErrorCode.CMD_NO_AUTH));
  }

  @ParameterizedTest(name = "{0} with auth={1} entity={2} gives {3}")
  @MethodSource("credentialTable")
  void credentialsMustMatchTheCommand(Command c, byte[] auth, byte[] entity, ErrorCode want) {
    Transmission t = new Transmission(auth, new byte[24], entity, Commands.encode(c));
    ProtocolException e =
        assertThrows(ProtocolException.class, () -> Commands.checkCredentials(t, c));
    assertEquals(want, e.code());
  }

  @Test
  void unsignedSendToAnEntityPassesTheCredentialCheck() throws ProtocolException {
    Command c = new Command.Send(false, NONE);
    Commands.checkCredentials(new Transmission(NONE, rnd(24), rnd(24), Commands.encode(c)), c);
  }

  @Test
  void authorizedBytesStartWithTheSessionSoAnotherSessionGivesOtherBytes() {
    Transmission t = new Transmission(rnd(32), rnd(24), rnd(24), ascii("SUB"));
    byte[] a = t.authorizedBytes(rnd(32));
    byte[] b = t.authorizedBytes(rnd(32));
    assertEquals(a.length, b.length);
    assertEquals(false, Arrays.equals(a, b));
  }

  @Test
  void transmissionsRoundTrip() throws CodecException {
    Transmission t = new Transmission(rnd(32), rnd(24), rnd(24), rnd(500));
    Transmission back = Transmission.decode(t.encode());
    assertArrayEquals(t.authorization(), back.authorization());
    assertArrayEquals(t.corrId(), back.corrId());
    assertArrayEquals(t.entityId(), back.entityId());
    assertArrayEquals(t.command(), back.command());
  }

  @Test
  void deliveredMessagesPadToOneSizeWhateverTheBody() throws CodecException {
    byte[] small = new DeliveredMessage(1, false, false, rnd(1)).encodePadded();
    byte[] large =
        new DeliveredMessage(2, false, true, rnd(ProtocolLimits.MAX_MESSAGE_BYTES)).encodePadded();
    assertEquals(small.length, large.length);
    DeliveredMessage q = DeliveredMessage.decodePadded(DeliveredMessage.quota(7).encodePadded());
    assertEquals(true, q.quotaMarker());
    assertEquals(7, q.timestamp());
  }
}
