package io.parley.agent.internal.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows end up in logs and exception messages; their toString must not carry secrets. */
class RowRedactionTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String TEXT = "the secret message text";
  private static final String LINK = "parley://invite#secret-link";

  @Test
  void connectionRowsPrintNoKeysHashesCodesOrLinks() {
    ConnectionRow row = new ConnectionRow("c1", "secret alias", ConnectionStatus.ESTABLISHED,
        ConnectionRole.JOINER, false, SECRET, SECRET, SECRET, "12345 secret code", LINK, 3,
        SECRET, 4, SECRET, 1, 2, "default", "secret peer profile");
    assertRedacted(row.toString(), "secret alias", "12345 secret code", LINK,
        "secret peer profile");
    assertTrue(row.toString().contains("c1"), "the local id stays, for debugging");
  }

  @Test
  void queueRowsPrintNoKeysQueueIdsOrRelayAddress() {
    String relay = "smp://secretkeyhash@relay.example";
    assertRedacted(new RcvQueueRow(1, "c1", relay, SECRET, SECRET, SECRET, SECRET, SECRET,
        SECRET, SECRET, QueueMode.MESSAGING, RcvQueueStatus.ACTIVE, SECRET, 1, 2).toString(),
        relay);
    assertRedacted(new SndQueueRow(1, "c1", relay, SECRET, SECRET, SECRET, SECRET,
        SndQueueStatus.ACTIVE, 1, 2).toString(), relay);
  }

  @Test
  void messageRowsPrintNoTextPayloadHashOrIdempotencyKey() {
    assertRedacted(new OutMessageRow("m1", "c1", 1, OutMessageKind.TEXT, TEXT, SECRET, SECRET,
        OutMessageStatus.QUEUED, null, 0, 1, 1, null, null, "client-secret-key").toString(),
        TEXT, "client-secret-key");
    assertRedacted(new InMessageRow("m2", "c1", 1, TEXT, MsgIntegrity.OK, null, null, SECRET, 1)
        .toString(), TEXT);
  }

  @Test
  void eventAndContactRowsPrintNoDataLinksOrProfiles() {
    assertRedacted(new EventRow(1, "message.received", 1, "c1", "{\"text\":\"" + TEXT + "\"}",
        "default")
        .toString(), TEXT);
    assertRedacted(new ContactAddressRow("default", 1, LINK, true, "secret welcome", 1, 1).toString(),
        LINK, "secret welcome");
    assertRedacted(new ContactRequestRow("r1", LINK, "{\"name\":\"secret profile\"}",
        ContactRequestStatus.PENDING, null, 1, 1, "default").toString(), LINK, "secret profile");
  }

  private static void assertRedacted(String printed, String... secretTexts) {
    List<String> forms = List.of(Arrays.toString(SECRET), HexFormat.of().formatHex(SECRET),
        Base64.getEncoder().encodeToString(SECRET),
        Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET),
        new String(SECRET), "[B@");
    for (String form : forms) {
      assertFalse(printed.contains(form), printed + " shows key bytes as " + form);
    }
    for (String text : secretTexts) {
      assertFalse(printed.contains(text), printed + " shows " + text);
    }
  }
}
