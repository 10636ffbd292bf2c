package io.parley.protocol.agent;

import static io.parley.protocol.testing.ScriptedRandom.fill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.ratchet.Ratchet;
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
 * docs/vectors/pq-ratchet.json: the hybrid handshake and three hybrid ratchet messages of
 * docs/ratchet.md section 12, from scripted randomness (each draw is listed in the file). The
 * file must be exactly what the code produces; regenerate after a deliberate change with
 * {@code -Dparley.vectors.write=true} and review the diff.
 */
class PqRatchetVectorsTest {
  static final Path FILE = Path.of("../docs/vectors/pq-ratchet.json");
  private static final HexFormat HEX = HexFormat.of();
  /** Padded length of the vector messages, small to keep the file short. UNIT: bytes. */
  private static final int PADDED = 64;

  @Test
  void theHybridRatchetProducesAndOpensExactlyTheBytesOfThePqVectorFile() throws Exception {
    String generated = JsonText.write(document());
    if (Boolean.getBoolean("parley.vectors.write")) {
      Files.writeString(FILE, generated);
    }
    assertTrue(Files.exists(FILE), FILE + " exists");
    String[] want = Files.readString(FILE).split("\n", -1);
    String[] got = generated.split("\n", -1);
    for (int i = 0; i < Math.min(want.length, got.length); i++) {
      if (!want[i].equals(got[i])) {
        fail("line " + (i + 1) + " of " + FILE + " differs");
      }
    }
    assertEquals(want.length, got.length, "line count of " + FILE);
  }

  private static Map<String, Object> document() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("description", "Test vectors of the hybrid X25519 + ML-KEM-768 ratchet,"
        + " docs/ratchet.md section 12 (agent version 2). Hex is lower-case. ML-KEM key"
        + " generation takes d then z, encapsulation takes m (FIPS 203 KeyGen_internal and"
        + " Encaps_internal). Each 'random' list gives, in order, every value that step draws.");
    List<Object> steps = new ArrayList<>();
    doc.put("steps", steps);

    byte[][] inviterDraws = {fill(32, 0x11), fill(32, 0x22), fill(32, 0x71), fill(32, 0x72)};
    X3dhKeyPairs inviter = X3dhKeyPairs.generate(true, scripted(inviterDraws));
    byte[][] joinerDraws = {fill(32, 0x33), fill(32, 0x44)};
    X3dhKeyPairs joiner = X3dhKeyPairs.generate(false, scripted(joinerDraws));
    steps.add(step("inviter_keys", "12.1", inviterDraws,
        map("x3dhPublic", HEX.formatHex(inviter.publicKeys().encode()),
            "kemPublicKey", HEX.formatHex(inviter.kemPublicKey()))));
    steps.add(step("joiner_keys", "2", joinerDraws,
        map("x3dhPublic", HEX.formatHex(joiner.publicKeys().encode()))));

    byte[][] initDraws = {fill(32, 0x81), fill(32, 0x55), fill(32, 0x73), fill(32, 0x74)};
    Ratchet.JoinerStart start = Ratchet.initJoinerPq(joiner, inviter.publicKeys(),
        inviter.kemPublicKey(), scripted(initDraws));
    assertEquals(MlKem.CIPHERTEXT_BYTES, start.kemCiphertext().length);
    steps.add(step("joiner_init", "12.2", initDraws,
        map("kemCiphertext", HEX.formatHex(start.kemCiphertext()))));

    Ratchet j = start.ratchet();
    Ratchet i = Ratchet.initInviterPq(inviter, joiner.publicKeys(), start.kemCiphertext(),
        scripted());
    byte[][] m1Draws = {fill(12, 0x91)};
    j = reseed(j, m1Draws);
    byte[] m1 = j.encrypt(utf8("hello"), PADDED);
    byte[][] stepDrawsI = {fill(32, 0x66), fill(32, 0x75), fill(32, 0x76), fill(32, 0x82)};
    i = reseed(i, stepDrawsI);
    assertArrayEquals(utf8("hello"), i.decrypt(m1));
    steps.add(step("joiner_message_1", "12.3", m1Draws,
        map("plaintext", "hello", "paddedLength", PADDED, "message", HEX.formatHex(m1),
            "inviterDecryptDraws", hexes(stepDrawsI))));

    byte[][] m2Draws = {fill(12, 0x92)};
    i = reseed(i, m2Draws);
    byte[] m2 = i.encrypt(utf8("hello back"), PADDED);
    byte[][] stepDrawsJ = {fill(32, 0x56), fill(32, 0x77), fill(32, 0x78), fill(32, 0x83)};
    j = reseed(j, stepDrawsJ);
    assertArrayEquals(utf8("hello back"), j.decrypt(m2));
    steps.add(step("inviter_message_1", "12.3", m2Draws,
        map("plaintext", "hello back", "paddedLength", PADDED, "message", HEX.formatHex(m2),
            "joinerDecryptDraws", hexes(stepDrawsJ))));

    byte[][] m3Draws = {fill(12, 0x93)};
    j = reseed(j, m3Draws);
    byte[] m3 = j.encrypt(utf8("third"), PADDED);
    byte[][] stepDrawsI2 = {fill(32, 0x67), fill(32, 0x79), fill(32, 0x7a), fill(32, 0x84)};
    i = reseed(i, stepDrawsI2);
    assertArrayEquals(utf8("third"), i.decrypt(m3));
    steps.add(step("joiner_message_2", "12.3", m3Draws,
        map("plaintext", "third", "paddedLength", PADDED, "message", HEX.formatHex(m3),
            "inviterDecryptDraws", hexes(stepDrawsI2))));

    // Agent version 2 on the wire (docs/agent-protocol.md section 8), around the messages above.
    String relay = "smp://" + Base64.getUrlEncoder().withoutPadding().encodeToString(
        fill(32, 0x5a)) + "@relay-a.example:5223";
    QueueUri qa = new QueueUri(relay, fill(24, 0xa1), X25519.publicKeyOf(fill(32, 0x61)),
        QueueMode.MESSAGING);
    String link = new ConnectionLink(ConnectionLink.Kind.INVITATION, List.of(qa),
        inviter.publicKeys().key1(), inviter.publicKeys().key2(), inviter.kemPublicKey())
        .encode();
    ConnectionLink parsed = ConnectionLink.parse(link);
    assertArrayEquals(inviter.kemPublicKey(), parsed.kemKey());
    QueueUri reply = new QueueUri(relay, fill(24, 0xb1), X25519.publicKeyOf(fill(32, 0x63)),
        QueueMode.MESSAGING).announcing(AgentLimits.PQ_AGENT_VERSION);
    assertEquals(AgentLimits.PQ_AGENT_VERSION, QueueUri.parse(reply.encode()).maxAgentVersion());
    byte[] confirmation = new AgentEnvelope.Confirmation(AgentLimits.PQ_AGENT_VERSION,
        joiner.publicKeys().encode(), start.kemCiphertext(), m1).encode();
    AgentEnvelope.Confirmation back = (AgentEnvelope.Confirmation) AgentEnvelope.decode(
        confirmation);
    assertArrayEquals(start.kemCiphertext(), back.kemCiphertext());
    byte[] message = new AgentEnvelope.Message(AgentLimits.PQ_AGENT_VERSION, m2).encode();
    assertEquals(AgentLimits.PQ_AGENT_VERSION,
        ((AgentEnvelope.Message) AgentEnvelope.decode(message)).version());
    List<Object> wire = new ArrayList<>();
    doc.put("agentVersion2", wire);
    wire.add(map("name", "pq_invitation_link", "section", "8.1",
        "input", "queue: relay " + relay + ", sender id a1 x 24, dh = X25519 public of 61 x 32;"
            + " e2e and kem from inviter_keys",
        "text", link));
    wire.add(map("name", "reply_queue_announcing_v2", "section", "8.1",
        "input", "sender id b1 x 24, dh = X25519 public of 63 x 32", "text", reply.encode()));
    wire.add(map("name", "joiner_confirmation_envelope", "section", "8.2",
        "input", "joiner_keys, joiner_init.kemCiphertext and joiner_message_1.message (padded"
            + " to 64 here for brevity; agents pad connection info to 12288)",
        "hex", HEX.formatHex(confirmation)));
    wire.add(map("name", "message_envelope", "section", "8.2",
        "input", "inviter_message_1.message", "hex", HEX.formatHex(message)));
    return doc;
  }

  /** A state carried over to a new scripted source, as a daemon does between messages. */
  private static Ratchet reseed(Ratchet r, byte[][] draws) throws Exception {
    return Ratchet.deserialize(r.serialize(), scripted(draws));
  }

  private static ScriptedRandom scripted(byte[]... draws) {
    return new ScriptedRandom(draws);
  }

  private static Map<String, Object> step(String name, String section, byte[][] draws,
      Map<String, Object> out) {
    return map("name", name, "section", section, "random", hexes(draws), "output", out);
  }

  private static List<Object> hexes(byte[][] draws) {
    List<Object> out = new ArrayList<>();
    for (byte[] d : draws) {
      out.add(HEX.formatHex(d));
    }
    return out;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      m.put((String) kv[k], kv[k + 1]);
    }
    return m;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
