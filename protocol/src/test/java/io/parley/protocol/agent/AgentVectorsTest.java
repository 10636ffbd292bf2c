package io.parley.protocol.agent;

import static io.parley.protocol.testing.ScriptedRandom.fill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetPublicKeys;
import io.parley.protocol.ratchet.SecurityCode;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import io.parley.protocol.testing.ScriptedRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/vectors/agent-protocol.json: every agent message of docs/agent-protocol.md, built from
 * fixed keys and a scripted random source, then opened by the peer's side. The file must be
 * exactly what the code produces today; a difference is a change of the wire format. To
 * regenerate it after a deliberate change, run this test with {@code -Dparley.vectors.write=true}
 * and review the diff.
 */
class AgentVectorsTest {
  static final Path FILE = Path.of("../docs/vectors/agent-protocol.json");
  private static final HexFormat HEX = HexFormat.of();
  private static final String RELAY_A = relay(0x5a, "relay-a.example");
  private static final String RELAY_B = relay(0x5b, "relay-b.example");

  @Test
  void theCodeProducesAndItsPeerParsesExactlyTheBytesOfTheAgentProtocolVectorFile()
      throws Exception {
    String generated = JsonText.write(document());
    if (Boolean.getBoolean("parley.vectors.write")) {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, generated);
    }
    assertTrue(Files.exists(FILE), FILE + " exists");
    String stored = Files.readString(FILE);
    String[] want = stored.split("\n", -1);
    String[] got = generated.split("\n", -1);
    for (int i = 0; i < Math.min(want.length, got.length); i++) {
      if (!want[i].equals(got[i])) {
        fail("line " + (i + 1) + " of " + FILE + " differs: the file has "
            + abbreviate(want[i]) + ", the code produces " + abbreviate(got[i]));
      }
    }
    assertEquals(want.length, got.length, "line count of " + FILE);
  }

  private static Map<String, Object> document() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("description", "Test vectors of docs/agent-protocol.md, version 1. Hex is lower-case;"
        + " text is UTF-8. Private keys are given as drawn (before X25519 clamping, which every"
        + " X25519 implementation applies). 'random' lists, in order, every random value a side"
        + " draws; an implementation that takes them in that order reproduces every byte.");
    doc.put("agentVersion", AgentLimits.AGENT_VERSION);

    // Keys of both sides, all fixed.
    X3dhKeyPairs inviterX3dh = pairs(0x11, 0x22);
    X3dhKeyPairs joinerX3dh = pairs(0x33, 0x44);
    byte[] aQueueE2e = fill(32, 0x61); // inviter's receive queue Q_A: its per-queue e2e key
    byte[] bSendE2e = fill(32, 0x62); // joiner's e2e key for sending to Q_A
    byte[] bQueueE2e = fill(32, 0x63); // joiner's receive queue Q_B
    byte[] aSendE2e = fill(32, 0x64); // inviter's e2e key for sending to Q_B
    byte[] requestOneTime = fill(32, 0x65); // a contact request's one-time sender key
    byte[] addressE2e = fill(32, 0x67); // a contact address queue's e2e key
    byte[] sidA = fill(24, 0xa1);
    byte[] sidB = fill(24, 0xb1);
    byte[] sidAddress = fill(24, 0xc1);
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("inviter_x3dh_1", keyPair(fill(32, 0x11)));
    keys.put("inviter_x3dh_2", keyPair(fill(32, 0x22)));
    keys.put("joiner_x3dh_1", keyPair(fill(32, 0x33)));
    keys.put("joiner_x3dh_2", keyPair(fill(32, 0x44)));
    keys.put("inviter_queue_e2e", keyPair(aQueueE2e));
    keys.put("joiner_send_e2e", keyPair(bSendE2e));
    keys.put("joiner_queue_e2e", keyPair(bQueueE2e));
    keys.put("inviter_send_e2e", keyPair(aSendE2e));
    keys.put("request_one_time_e2e", keyPair(requestOneTime));
    keys.put("address_queue_e2e", keyPair(addressE2e));
    doc.put("keys", keys);
    List<Object> vectors = new ArrayList<>();
    doc.put("vectors", vectors);

    // Links.
    QueueUri qa = new QueueUri(RELAY_A, sidA, X25519.publicKeyOf(aQueueE2e), QueueMode.MESSAGING);
    QueueUri qb = new QueueUri(RELAY_B, sidB, X25519.publicKeyOf(bQueueE2e), QueueMode.MESSAGING);
    QueueUri address =
        new QueueUri(RELAY_A, sidAddress, X25519.publicKeyOf(addressE2e), QueueMode.CONTACT);
    RatchetPublicKeys inviterPub = inviterX3dh.publicKeys();
    RatchetPublicKeys joinerPub = joinerX3dh.publicKeys();
    String invitation = new ConnectionLink(ConnectionLink.Kind.INVITATION, List.of(qa),
        inviterPub.key1(), inviterPub.key2()).encode();
    String contact =
        new ConnectionLink(ConnectionLink.Kind.CONTACT, List.of(address), null, null).encode();
    vectors.add(vector("queue_uri", "2.1",
        map("relay", RELAY_A, "senderId", HEX.formatHex(sidA),
            "e2eDhKey", "keys.inviter_queue_e2e.public", "mode", "m"),
        map("text", qa.encode())));
    vectors.add(vector("invitation_link", "2.2",
        map("queues", "[queue_uri]", "e2e", "keys.inviter_x3dh_1.public, keys.inviter_x3dh_2.public"),
        map("text", invitation)));
    vectors.add(vector("contact_link", "2.3",
        map("relay", RELAY_A, "senderId", HEX.formatHex(sidAddress),
            "e2eDhKey", "keys.address_queue_e2e.public", "mode", "c"),
        map("text", contact)));
    ConnectionLink parsed = ConnectionLink.parse(invitation);
    assertArrayEquals(inviterPub.key1(), parsed.ratchetKey1());
    assertArrayEquals(sidA, parsed.queues().get(0).senderId());
    assertEquals(QueueMode.CONTACT, ConnectionLink.parse(contact).queues().get(0).mode());

    // Payloads inside the ratchet.
    ConnInfo joinerInfo = new ConnInfo(List.of(qb), "Bob");
    ConnInfo inviterInfo = new ConnInfo(List.of(), "Alice");
    vectors.add(vector("conn_info_joiner", "4.2", map("replyQueues", List.of(qb.encode()),
        "profile", "Bob"), map("hex", HEX.formatHex(joinerInfo.encode()))));
    vectors.add(vector("conn_info_inviter", "4.2", map("replyQueues", List.of(),
        "profile", "Alice"), map("hex", HEX.formatHex(inviterInfo.encode()))));
    AgentMessage text = new AgentMessage(1, new byte[0], new AgentMessage.Text("hello, Alice"));
    AgentMessage receipt =
        new AgentMessage(1, new byte[0], new AgentMessage.Receipt(1, text.hash()));
    vectors.add(vector("agent_message_text", "4.4",
        map("msgId", 1, "prevHash", "", "text", "hello, Alice"),
        map("hex", HEX.formatHex(text.encode()), "sha256", HEX.formatHex(text.hash()),
            "ratchetPaddedBytes", AgentLimits.messagePaddedBytes(text.encode().length))));
    vectors.add(vector("agent_message_receipt", "4.4",
        map("msgId", 1, "prevHash", "", "receiptFor", 1,
            "msgHash", "agent_message_text.sha256"),
        map("hex", HEX.formatHex(receipt.encode()), "sha256", HEX.formatHex(receipt.hash()))));
    // Queue rotation (docs/agent.md 2.2): A offers Q_B' (here Q_B's text) replacing Q_A; B
    // answers that it switched, with its new e2e key.
    AgentMessage queueAdd = new AgentMessage(2, text.hash(),
        new AgentMessage.QueueAdd(qb.encode(), sidA));
    vectors.add(vector("agent_message_queue_add", "4.4 and 5.5",
        map("msgId", 2, "prevHash", "agent_message_text.sha256", "queueUri", qb.encode(),
            "replacedSenderId", HEX.formatHex(sidA)),
        map("hex", HEX.formatHex(queueAdd.encode()), "sha256", HEX.formatHex(queueAdd.hash()))));
    assertEquals(qb.encode(), ((AgentMessage.QueueAdd) AgentMessage.decode(queueAdd.encode())
        .body()).queueUri());
    AgentMessage queueUse = new AgentMessage(2, receipt.hash(),
        new AgentMessage.QueueUse(sidB, X25519.publicKeyOf(bSendE2e)));
    vectors.add(vector("agent_message_queue_use", "4.4 and 5.5",
        map("msgId", 2, "prevHash", "agent_message_receipt.sha256",
            "senderId", HEX.formatHex(sidB),
            "senderE2eKey", HEX.formatHex(X25519.publicKeyOf(bSendE2e))),
        map("hex", HEX.formatHex(queueUse.encode()), "sha256", HEX.formatHex(queueUse.hash()))));
    assertArrayEquals(sidB, ((AgentMessage.QueueUse) AgentMessage.decode(queueUse.encode())
        .body()).senderId());

    // The handshake, then one text and its receipt, through every layer.
    ScriptedRandom joinerRandom = new ScriptedRandom(fill(32, 0x55), fill(12, 0x01),
        fill(12, 0x02), fill(32, 0x56), fill(12, 0x03), fill(12, 0x04),
        fill(32, 0x59)); // the last: the ratchet step when the receipt arrives
    ScriptedRandom inviterRandom = new ScriptedRandom(fill(32, 0x57), fill(12, 0x05),
        fill(12, 0x06), fill(32, 0x58), fill(12, 0x07), fill(12, 0x08));
    byte[] sharedA = E2eEnvelope.sharedKey(bSendE2e, qa.e2eDhKey());
    assertArrayEquals(sharedA,
        E2eEnvelope.sharedKey(aQueueE2e, X25519.publicKeyOf(bSendE2e)));
    byte[] sharedB = E2eEnvelope.sharedKey(aSendE2e, qb.e2eDhKey());

    Ratchet joiner = Ratchet.initJoiner(joinerX3dh, inviterPub, joinerRandom);
    byte[] joinerConfRatchet =
        joiner.encrypt(joinerInfo.encode(), AgentLimits.CONN_INFO_PADDED_BYTES);
    byte[] joinerConfEnv =
        new AgentEnvelope.Confirmation(joinerPub.encode(), joinerConfRatchet).encode();
    byte[] joinerConfBody =
        E2eEnvelope.seal(sharedA, X25519.publicKeyOf(bSendE2e), joinerConfEnv, joinerRandom);
    vectors.add(vector("joiner_confirmation", "3.2 and 4.1",
        map("queue", "queue_uri (Q_A)", "e2eSharedKey", HEX.formatHex(sharedA),
            "connInfo", "conn_info_joiner",
            "random", List.of("ratchet key " + hex(fill(32, 0x55)),
                "ratchet header nonce " + hex(fill(12, 0x01)),
                "e2e nonce " + hex(fill(12, 0x02)))),
        map("agentEnvelopeHex", HEX.formatHex(joinerConfEnv),
            "sendBodyHex", HEX.formatHex(joinerConfBody))));

    // The inviter opens it as the receiving agent does.
    assertArrayEquals(X25519.publicKeyOf(bSendE2e), E2eEnvelope.peekSenderKey(joinerConfBody));
    E2eEnvelope.Opened opened = E2eEnvelope.open(sharedA, joinerConfBody);
    assertArrayEquals(X25519.publicKeyOf(bSendE2e), opened.senderKey());
    AgentEnvelope.Confirmation jc =
        assertInstanceOf(AgentEnvelope.Confirmation.class, AgentEnvelope.decode(opened.message()));
    RatchetPublicKeys joinerKeysSeen = RatchetPublicKeys.decode(jc.ratchetKeys());
    Ratchet inviter = Ratchet.initInviter(inviterX3dh, joinerKeysSeen, inviterRandom);
    ConnInfo infoSeen = ConnInfo.decode(inviter.decrypt(jc.encConnInfo()));
    assertEquals("Bob", infoSeen.profile());
    assertArrayEquals(sidB, infoSeen.replyQueues().get(0).senderId());

    byte[] inviterConfRatchet =
        inviter.encrypt(inviterInfo.encode(), AgentLimits.CONN_INFO_PADDED_BYTES);
    byte[] inviterConfEnv = new AgentEnvelope.Confirmation(null, inviterConfRatchet).encode();
    byte[] inviterConfBody =
        E2eEnvelope.seal(sharedB, X25519.publicKeyOf(aSendE2e), inviterConfEnv, inviterRandom);
    vectors.add(vector("inviter_confirmation", "3.2 and 4.1",
        map("queue", "conn_info_joiner.replyQueues[0] (Q_B)",
            "e2eSharedKey", HEX.formatHex(sharedB), "connInfo", "conn_info_inviter",
            "random", List.of("ratchet key drawn when decrypting joiner_confirmation "
                    + hex(fill(32, 0x57)),
                "ratchet header nonce " + hex(fill(12, 0x05)), "e2e nonce " + hex(fill(12, 0x06)))),
        map("agentEnvelopeHex", HEX.formatHex(inviterConfEnv),
            "sendBodyHex", HEX.formatHex(inviterConfBody))));

    opened = E2eEnvelope.open(
        E2eEnvelope.sharedKey(bQueueE2e, E2eEnvelope.peekSenderKey(inviterConfBody)),
        inviterConfBody);
    AgentEnvelope.Confirmation ic =
        assertInstanceOf(AgentEnvelope.Confirmation.class, AgentEnvelope.decode(opened.message()));
    assertNull(ic.ratchetKeys());
    ConnInfo inviterSeen = ConnInfo.decode(joiner.decrypt(ic.encConnInfo()));
    assertEquals("Alice", inviterSeen.profile());
    assertTrue(inviterSeen.replyQueues().isEmpty());
    vectors.add(vector("security_code", "5.1",
        map("inviter", "keys.inviter_x3dh_1/2.public", "joiner", "keys.joiner_x3dh_1/2.public"),
        map("text", SecurityCode.compute(inviterPub, joinerPub))));
    assertEquals(SecurityCode.compute(inviterPub, joinerPub),
        SecurityCode.compute(joinerPub, inviterPub));

    byte[] textPlain = text.encode();
    byte[] textEnv = new AgentEnvelope.Message(
        joiner.encrypt(textPlain, AgentLimits.messagePaddedBytes(textPlain.length))).encode();
    byte[] textBody = E2eEnvelope.seal(sharedA, null, textEnv, joinerRandom);
    vectors.add(vector("text_message", "4.3",
        map("queue", "Q_A", "agentMessage", "agent_message_text",
            "random", List.of("ratchet key drawn when decrypting inviter_confirmation "
                    + hex(fill(32, 0x56)),
                "ratchet header nonce " + hex(fill(12, 0x03)), "e2e nonce " + hex(fill(12, 0x04)))),
        map("agentEnvelopeHex", HEX.formatHex(textEnv),
            "sendBodyHex", HEX.formatHex(textBody))));
    opened = E2eEnvelope.open(sharedA, textBody);
    assertNull(opened.senderKey());
    AgentEnvelope.Message tm =
        assertInstanceOf(AgentEnvelope.Message.class, AgentEnvelope.decode(opened.message()));
    AgentMessage textSeen = AgentMessage.decode(inviter.decrypt(tm.encAgentMessage()));
    assertEquals("hello, Alice", ((AgentMessage.Text) textSeen.body()).text());
    assertEquals(MsgIntegrity.OK,
        MsgIntegrity.classify(0, new byte[0], textSeen.msgId(), textSeen.prevHash()));

    byte[] receiptPlain = receipt.encode();
    byte[] receiptEnv = new AgentEnvelope.Message(
        inviter.encrypt(receiptPlain, AgentLimits.messagePaddedBytes(receiptPlain.length)))
        .encode();
    byte[] receiptBody = E2eEnvelope.seal(sharedB, null, receiptEnv, inviterRandom);
    vectors.add(vector("receipt_message", "4.3",
        map("queue", "Q_B", "agentMessage", "agent_message_receipt",
            "random", List.of("ratchet key drawn when decrypting text_message "
                    + hex(fill(32, 0x58)),
                "ratchet header nonce " + hex(fill(12, 0x07)), "e2e nonce " + hex(fill(12, 0x08)))),
        map("agentEnvelopeHex", HEX.formatHex(receiptEnv),
            "sendBodyHex", HEX.formatHex(receiptBody))));
    opened = E2eEnvelope.open(E2eEnvelope.sharedKey(bQueueE2e, X25519.publicKeyOf(aSendE2e)),
        receiptBody);
    AgentEnvelope.Message rm =
        assertInstanceOf(AgentEnvelope.Message.class, AgentEnvelope.decode(opened.message()));
    AgentMessage receiptSeen = AgentMessage.decode(joiner.decrypt(rm.encAgentMessage()));
    AgentMessage.Receipt r = (AgentMessage.Receipt) receiptSeen.body();
    assertEquals(1, r.receiptFor());
    assertArrayEquals(text.hash(), r.msgHash());

    // A contact request: no ratchet, a one-time sender key.
    ScriptedRandom requestRandom = new ScriptedRandom(fill(12, 0x09));
    byte[] sharedAddress = E2eEnvelope.sharedKey(requestOneTime, address.e2eDhKey());
    byte[] requestEnv = new AgentEnvelope.ContactRequest(invitation, "Bob").encode();
    byte[] requestBody = E2eEnvelope.seal(sharedAddress, X25519.publicKeyOf(requestOneTime),
        requestEnv, requestRandom);
    vectors.add(vector("contact_request", "4.5",
        map("queue", "contact_link", "invitationLink", "invitation_link", "profile", "Bob",
            "e2eSharedKey", HEX.formatHex(sharedAddress),
            "random", List.of("e2e nonce " + hex(fill(12, 0x09)))),
        map("agentEnvelopeHex", HEX.formatHex(requestEnv),
            "sendBodyHex", HEX.formatHex(requestBody))));
    byte[] seenKey = E2eEnvelope.peekSenderKey(requestBody);
    opened = E2eEnvelope.open(E2eEnvelope.sharedKey(addressE2e, seenKey), requestBody);
    AgentEnvelope.ContactRequest cr = assertInstanceOf(AgentEnvelope.ContactRequest.class,
        AgentEnvelope.decode(opened.message()));
    assertEquals(invitation, cr.invitationLink());
    assertEquals("Bob", cr.profile());

    RekeyVectors.add(vectors, SecurityCode.compute(inviterPub, joinerPub));

    assertTrue(joinerRandom.exhausted() && inviterRandom.exhausted()
        && requestRandom.exhausted(), "every scripted random value was drawn");

    // A bot's profile with its command list (third 0x00-separated field of the profile tail);
    // the agent's ProfileTextTest encodes the structured inputs to these bytes.
    String botProfile = "Echo\0I send back every text you send me.\0help\tshow this list\nping";
    ConnInfo botInfo = new ConnInfo(List.of(), botProfile);
    vectors.add(vector("conn_info_inviter_bot_commands", "4.2", map("replyQueues", List.of(),
        "name", "Echo", "description", "I send back every text you send me.",
        "commands", List.of(map("name", "help", "description", "show this list"),
            map("name", "ping"))),
        map("profileHex", HEX.formatHex(botProfile.getBytes(StandardCharsets.UTF_8)),
            "hex", HEX.formatHex(botInfo.encode()))));
    return doc;
  }

  static Map<String, Object> vector(String name, String section,
      Map<String, Object> inputs, Map<String, Object> expected) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", name);
    v.put("section", section);
    v.put("inputs", new java.util.TreeMap<>(inputs));
    v.put("expected", expected);
    return v;
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> keyPair(byte[] priv) {
    return map("private", HEX.formatHex(priv), "public", HEX.formatHex(X25519.publicKeyOf(priv)));
  }

  static X3dhKeyPairs pairs(int first, int second) throws Exception {
    byte[] encoded = new byte[X3dhKeyPairs.ENCODED_BYTES];
    encoded[0] = 1; // X3dhKeyPairs format version
    System.arraycopy(fill(32, first), 0, encoded, 1, 32);
    System.arraycopy(fill(32, second), 0, encoded, 33, 32);
    return X3dhKeyPairs.decode(encoded);
  }

  private static String relay(int keyHashByte, String host) {
    return "smp://" + Base64.getUrlEncoder().withoutPadding().encodeToString(fill(32, keyHashByte))
        + "@" + host + ":5223";
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  private static String abbreviate(String line) {
    String s = line.strip();
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
