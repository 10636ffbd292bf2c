package io.parley.protocol.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.SecureRandoms;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionLinkTest {
  private static final String RELAY =
      "smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@127.0.0.1:5223";

  private static QueueUri queue(QueueMode mode) {
    return new QueueUri(RELAY, SecureRandoms.bytes(24), SecureRandoms.bytes(32), mode);
  }

  @Test
  void anInvitationRoundTripsWithItsQueuesAndRatchetKeys() throws AgentFormatException {
    ConnectionLink link = new ConnectionLink(ConnectionLink.Kind.INVITATION,
        List.of(queue(QueueMode.MESSAGING), queue(QueueMode.MESSAGING)),
        SecureRandoms.bytes(32), SecureRandoms.bytes(32));
    String text = link.encode();
    ConnectionLink back = ConnectionLink.parse(text);
    assertEquals(ConnectionLink.Kind.INVITATION, back.kind());
    assertEquals(2, back.queues().size());
    assertArrayEquals(link.ratchetKey1(), back.ratchetKey1());
    assertArrayEquals(link.ratchetKey2(), back.ratchetKey2());
    assertArrayEquals(link.queues().get(1).senderId(), back.queues().get(1).senderId());
    assertArrayEquals(link.queues().get(0).e2eDhKey(), back.queues().get(0).e2eDhKey());
    assertEquals(RELAY, back.queues().get(0).relay());
  }

  @Test
  void theSecretPartOfALinkFollowsTheHashSign() {
    String text = new ConnectionLink(ConnectionLink.Kind.CONTACT,
        List.of(queue(QueueMode.CONTACT)), null, null).encode();
    String beforeHash = text.substring(0, text.indexOf('#'));
    assertEquals("parley:/contact", beforeHash);
  }

  @Test
  void aContactAddressRoundTripsWithoutRatchetKeys() throws AgentFormatException {
    ConnectionLink back = ConnectionLink.parse(new ConnectionLink(ConnectionLink.Kind.CONTACT,
        List.of(queue(QueueMode.CONTACT)), null, null).encode());
    assertEquals(ConnectionLink.Kind.CONTACT, back.kind());
    assertEquals(QueueMode.CONTACT, back.queues().get(0).mode());
  }

  @Test
  void aLinkWhoseQueueModeContradictsItsKindIsRefused() {
    String text = new ConnectionLink(ConnectionLink.Kind.CONTACT,
        List.of(queue(QueueMode.MESSAGING)), null, null).encode();
    assertThrows(AgentFormatException.class, () -> ConnectionLink.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "https://example.com/",
      "parley:/invitation",
      "parley:/invitation#/?v=2&smp=x&e2e=a,b",
      "parley:/invitation#/?v=1&e2e=a,b",
      "parley:/invitation#/?v=1&smp=smp%3A%2F%2Fx&e2e=a,b",
      "parley:/contact#/?v=1&smp=",
      "parley:/contact#/?v=1&v=1&smp=x",
      "parley:/contact#/?garbage"
  })
  void malformedLinksAreRefusedWithATypedError(String text) {
    assertThrows(AgentFormatException.class, () -> ConnectionLink.parse(text));
  }

  @Test
  void anOverlongLinkIsRefusedBeforeParsing() {
    String text = "parley:/contact#/?v=1&smp=" + "a".repeat(ConnectionLink.MAX_LINK_CHARS);
    AgentFormatException e =
        assertThrows(AgentFormatException.class, () -> ConnectionLink.parse(text));
    assertFalse(e.getMessage().contains("aaaa"), "the error must not echo the link");
  }

  @Test
  void toStringRevealsNoSecret() {
    ConnectionLink link = new ConnectionLink(ConnectionLink.Kind.CONTACT,
        List.of(queue(QueueMode.CONTACT)), null, null);
    assertFalse(link.toString().contains("smp://"));
  }
}
