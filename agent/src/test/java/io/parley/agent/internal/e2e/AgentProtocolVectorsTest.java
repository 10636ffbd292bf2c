package io.parley.agent.internal.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.DeliveryCrypto;
import io.parley.protocol.crypto.SecureRandoms;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's receive path takes the SEND bodies of docs/vectors/agent-protocol.json apart as
 * the kinds of message they are, with the keys the file names: what another implementation's
 * bytes meet when they arrive. (The protocol module's AgentVectorsTest checks that the same bytes
 * are produced.)
 */
class AgentProtocolVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static JsonNode doc;

  @BeforeAll
  static void read() throws Exception {
    doc = new ObjectMapper().readTree(Path.of("../docs/vectors/agent-protocol.json").toFile());
  }

  @Test
  void theInviterOpensTheJoinersConfirmationWithTheJoinersKeys() {
    Envelope.Confirmation c = assertInstanceOf(Envelope.Confirmation.class,
        open("joiner_confirmation", key("inviter_queue_e2e", "private"), null));
    assertArrayEquals(key("joiner_send_e2e", "public"), c.senderE2eKey());
    assertArrayEquals(hex(vector("joiner_confirmation").at("/inputs/e2eSharedKey")), c.sharedKey());
    assertArrayEquals(key("joiner_x3dh_1", "public"), c.joinerKeys().key1());
    assertArrayEquals(key("joiner_x3dh_2", "public"), c.joinerKeys().key2());
  }

  @Test
  void theJoinerOpensTheInvitersConfirmationWhichCarriesNoRatchetKeys() {
    Envelope.Confirmation c = assertInstanceOf(Envelope.Confirmation.class,
        open("inviter_confirmation", key("joiner_queue_e2e", "private"), null));
    assertArrayEquals(key("inviter_send_e2e", "public"), c.senderE2eKey());
    assertNull(c.joinerKeys());
  }

  @Test
  void textsAndReceiptsOpenUnderTheKeyKeptFromEachQueuesConfirmation() {
    byte[] queueA = hex(vector("joiner_confirmation").at("/inputs/e2eSharedKey"));
    byte[] queueB = hex(vector("inviter_confirmation").at("/inputs/e2eSharedKey"));
    assertInstanceOf(Envelope.Message.class,
        open("text_message", key("inviter_queue_e2e", "private"), queueA));
    assertInstanceOf(Envelope.Message.class,
        open("receipt_message", key("joiner_queue_e2e", "private"), queueB));
    assertEquals(new Envelope.Rejected(Unusable.E2E_UNDECRYPTABLE),
        open("text_message", key("inviter_queue_e2e", "private"), queueB),
        "under the other queue's key");
  }

  @Test
  void theAddressOwnerOpensTheContactRequestAndFindsTheInvitation() {
    Envelope.ContactRequest r = assertInstanceOf(Envelope.ContactRequest.class,
        open("contact_request", key("address_queue_e2e", "private"), null));
    assertEquals(vector("invitation_link").at("/expected/text").asText(), r.invitationLink());
    assertEquals("Bob", r.profile());
  }

  /** Wraps a vector's SEND body in the relay's delivery layer and opens it as the agent does. */
  private static Envelope open(String name, byte[] ownE2ePrivate, byte[] knownSharedKey) {
    byte[] body = hex(vector(name).at("/expected/sendBodyHex"));
    byte[] deliveryKey = SecureRandoms.bytes(32);
    byte[] msgId = SecureRandoms.bytes(24);
    byte[] enc = DeliveryCrypto.seal(deliveryKey, msgId,
        new DeliveredMessage(0, false, false, body).encodePadded());
    return Opening.open(deliveryKey, ownE2ePrivate, knownSharedKey, new Response.Msg(msgId, enc));
  }

  private static JsonNode vector(String name) {
    for (JsonNode v : doc.get("vectors")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no vector " + name);
  }

  private static byte[] key(String name, String half) {
    return hex(doc.get("keys").get(name).get(half));
  }

  private static byte[] hex(JsonNode n) {
    return HEX.parseHex(n.asText());
  }
}
