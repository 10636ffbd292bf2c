package io.parley.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {
  private static final String RELAY_A =
      "smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@relay-a.example:5223";
  private static final String RELAY_B =
      "smp://BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA@relay-b.example";

  @Test
  void everyFlagIsParsedInBothSpaceAndEqualsForms() throws UsageException {
    Arguments a = ArgumentParser.parse("--data", "/tmp/d", "--relay=" + RELAY_A,
        "--relay", RELAY_B, "--name=bot one");
    assertFalse(a.help());
    assertEquals(Path.of("/tmp/d"), a.dataDir());
    assertEquals(2, a.relays().size());
    assertEquals("relay-a.example", a.relays().get(0).host());
    assertEquals(5223, a.relays().get(1).port(), "the default port fills in");
    assertEquals(Optional.of("bot one"), a.name());
    assertEquals(OptionalInt.empty(), a.relayPort());
  }

  @Test
  void theRelayPortIsAcceptedForTheEmbeddedRelay() throws UsageException {
    Arguments a = ArgumentParser.parse("--data=/d", "--relay-port", "41234");
    assertTrue(a.relays().isEmpty());
    assertEquals(OptionalInt.of(41234), a.relayPort());
  }

  @Test
  void theRedundancyIsParsedAndOneOutsideOneToEightIsAUsageError() throws UsageException {
    assertEquals(OptionalInt.of(3), ArgumentParser.parse("--data=/d", "--redundancy=3")
        .redundancy());
    assertEquals(OptionalInt.empty(), ArgumentParser.parse("--data=/d").redundancy());
    for (String bad : List.of("0", "9", "two")) {
      UsageException e = assertThrows(UsageException.class,
          () -> ArgumentParser.parse("--data=/d", "--redundancy", bad));
      assertTrue(e.getMessage().contains("--redundancy"), e.getMessage());
    }
  }

  @Test
  void helpIsRecognisedInBothFormsAndAfterOtherFlags() throws UsageException {
    assertTrue(ArgumentParser.parse("-h").help());
    assertTrue(ArgumentParser.parse("--data", "/d", "--help").help());
  }

  @Test
  void aMissingDataDirectoryIsAUsageError() {
    UsageException e = assertThrows(UsageException.class, ArgumentParser::parse);
    assertEquals("--data is required", e.getMessage());
  }

  @Test
  void anUnknownOptionIsNamedInTheError() {
    UsageException e = assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/d", "--verbose"));
    assertEquals("unknown option --verbose", e.getMessage());
    UsageException eq = assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/d", "--colour=red"));
    assertEquals("unknown option --colour", eq.getMessage());
  }

  @Test
  void aStrayPositionalArgumentIsRefusedWithoutEchoingIt() {
    UsageException e = assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/d", "parley:/invitation#/?secret"));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertTrue(e.getMessage().contains("position 3"), e.getMessage());
  }

  @Test
  void aFlagWithoutItsValueIsAUsageError() {
    UsageException e = assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/d", "--name"));
    assertEquals("--name needs a value", e.getMessage());
  }

  @Test
  void singleValuedFlagsGivenTwiceAreRefused() {
    UsageException e = assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/a", "--data", "/b"));
    assertEquals("--data given more than once", e.getMessage());
  }

  @Test
  void aMalformedRelayAddressIsExplained() {
    UsageException e = assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/d", "--relay", "https://relay.example"));
    assertTrue(e.getMessage().startsWith("--relay: relay address must start with smp://"),
        e.getMessage());
    assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/d", "--relay", "smp://short@relay.example"));
  }

  @Test
  void apiFlagsAreParsedAndTheApiPortMayBeZeroForAFreeOne() throws UsageException {
    Arguments a = ArgumentParser.parse("--data", "/d", "--api-port", "0", "--api-bind",
        "0.0.0.0", "--api-host", "parley.lan", "--api-host=other");
    assertEquals(0, a.apiPort().getAsInt());
    assertEquals("0.0.0.0", a.apiBind().orElseThrow());
    assertEquals(List.of("parley.lan", "other"), a.apiHosts());
    UsageException e = assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/d", "--api-port", "70000"));
    assertTrue(e.getMessage().startsWith("--api-port must be a port number from 0"));
  }

  @Test
  void anOutOfRangeOrNonNumericRelayPortIsRefused() {
    for (String bad : new String[] {"0", "65536", "99999999999", "-1", "http", ""}) {
      UsageException e = assertThrows(UsageException.class,
          () -> ArgumentParser.parse("--data", "/d", "--relay-port", bad), bad);
      assertTrue(e.getMessage().startsWith("--relay-port must be a port number"), bad);
    }
  }

  @Test
  void theRelayPortTogetherWithAnExternalRelayIsContradictory() {
    UsageException e = assertThrows(UsageException.class,
        () -> ArgumentParser.parse("--data", "/d", "--relay", RELAY_A, "--relay-port", "5000"));
    assertTrue(e.getMessage().contains("embedded relay"), e.getMessage());
  }

  @Test
  void anAbsurdNumberOfArgumentsIsRefusedBeforeParsing() {
    String[] many = new String[ArgumentParser.MAX_ARGUMENTS + 1];
    java.util.Arrays.fill(many, "--relay");
    assertThrows(UsageException.class, () -> ArgumentParser.parse(many));
  }
}
