package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.QueueMode;
import org.junit.jupiter.api.Test;

class CommandChecksTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] ID = new byte[24];
  private static final byte[] NONE = new byte[0];

  @Test
  void wellFormedCommandsPass() {
    assertDoesNotThrow(() -> CommandChecks.check(NONE,
        new Command.New(KEY, KEY, true, QueueMode.MESSAGING), KEY));
    assertDoesNotThrow(() -> CommandChecks.check(ID, new Command.Send(false, new byte[16_000]),
        null));
    assertDoesNotThrow(() -> CommandChecks.check(ID, new Command.Ack(ID), KEY));
    assertDoesNotThrow(() -> CommandChecks.check(NONE, new Command.Ping(), null));
  }

  @Test
  void keysOfTheWrongLengthAreRejectedBeforeSending() {
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(ID, new Command.Sub(), new byte[31]));
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(ID, new Command.Key(new byte[33]), KEY));
    assertThrows(InvalidCommandException.class, () -> CommandChecks.check(NONE,
        new Command.New(KEY, new byte[0], false, QueueMode.CONTACT), KEY));
  }

  @Test
  void missingOrSuperfluousCredentialsAreRejected() {
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(ID, new Command.Sub(), null));
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(ID, new Command.Ping(), null));
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(NONE, new Command.Ping(), KEY));
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(NONE, new Command.Send(false, new byte[1]), null));
  }

  @Test
  void oversizedBodiesAndMalformedIdsAreRejected() {
    assertThrows(InvalidCommandException.class, () -> CommandChecks.check(ID,
        new Command.Send(false, new byte[ProtocolLimits.MAX_MESSAGE_BYTES + 1]), null));
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(new byte[300], new Command.Sub(), KEY));
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(ID, new Command.Ack(new byte[5]), KEY));
    assertThrows(InvalidCommandException.class,
        () -> CommandChecks.check(null, new Command.Sub(), KEY));
  }
}
