package io.parley.protocol.agent;

import static io.parley.protocol.agent.AgentVectorsTest.hex;
import static io.parley.protocol.agent.AgentVectorsTest.map;
import static io.parley.protocol.agent.AgentVectorsTest.pairs;
import static io.parley.protocol.agent.AgentVectorsTest.vector;
import static io.parley.protocol.testing.ScriptedRandom.fill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetPublicKeys;
import io.parley.protocol.ratchet.SecurityCode;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import io.parley.protocol.testing.ScriptedRandom;
import java.util.List;

/**
 * The re-key and resync vectors of docs/vectors/agent-protocol.json (docs/agent-protocol.md,
 * sections 9 "Re-key" and 10 "Ratchet resync", classic and post-quantum), added by
 * {@link AgentVectorsTest} after the handshake's, and checked the same way: built here, then
 * parsed back.
 */
final class RekeyVectors {
  private RekeyVectors() {}

  static void add(List<Object> vectors, String securityCode) throws Exception {
    X3dhKeyPairs makerFresh = pairs(0x71, 0x72);
    X3dhKeyPairs openerFresh = pairs(0x74, 0x75);
    byte[] secret = fill(32, 0x73);
    RatchetPublicKeys makerPub = makerFresh.publicKeys();
    RatchetPublicKeys openerPub = openerFresh.publicKeys();

    byte[] handle = RekeyLink.handleOf(securityCode);
    vectors.add(vector("rekey_handle", "9.1",
        map("securityCode", "security_code.text"), map("hex", hex(handle))));
    String link = new RekeyLink(handle, makerPub.key1(), makerPub.key2(), secret).encode();
    vectors.add(vector("rekey_link", "9.1",
        map("handle", "rekey_handle.hex", "x3dhPrivate", List.of(hex(fill(32, 0x71)),
            hex(fill(32, 0x72))), "secret", hex(secret)),
        map("text", link)));
    RekeyLink parsed = RekeyLink.parse(link);
    assertArrayEquals(secret, parsed.secret());
    assertArrayEquals(makerPub.key2(), parsed.key2());
    assertTrue(RekeyLink.isRekeyLink(link));

    byte[] mac = RekeyProof.mac(secret, handle, makerPub.encode(), openerPub.encode());
    AgentMessage reply = new AgentMessage(2, fill(32, 0x7a),
        new AgentMessage.RekeyReply(handle, openerPub.encode(), mac));
    vectors.add(vector("agent_message_rekey_reply", "9.2",
        map("msgId", 2, "prevHash", hex(fill(32, 0x7a)), "handle", "rekey_handle.hex",
            "openerX3dhPrivate", List.of(hex(fill(32, 0x74)), hex(fill(32, 0x75))),
            "linkSecret", hex(secret)),
        map("macHex", hex(mac), "hex", hex(reply.encode()), "sha256", hex(reply.hash()))));
    AgentMessage.RekeyReply seen = assertInstanceOf(AgentMessage.RekeyReply.class,
        AgentMessage.decode(reply.encode()).body());
    assertTrue(RekeyProof.verify(seen.mac(), secret, handle, makerPub.encode(), seen.keys()));
    // Keys substituted on the way do not verify under the link's secret.
    assertFalse(RekeyProof.verify(seen.mac(), secret, handle, makerPub.encode(),
        pairs(0x76, 0x77).publicKeys().encode()));

    AgentMessage ready = new AgentMessage(3, reply.hash(), new AgentMessage.RatchetReady());
    vectors.add(vector("agent_message_ratchet_ready", "9.2",
        map("msgId", 3, "prevHash", "agent_message_rekey_reply.sha256"),
        map("hex", hex(ready.encode()), "sha256", hex(ready.hash()))));
    assertInstanceOf(AgentMessage.RatchetReady.class, AgentMessage.decode(ready.encode()).body());
    String code = SecurityCode.compute(makerPub, openerPub);
    vectors.add(vector("rekey_security_code", "9.2",
        map("linkMaker", "rekey_link x3dhPrivate (public halves)",
            "linkOpener", "agent_message_rekey_reply openerX3dhPrivate (public halves)"),
        map("text", code)));
    assertEquals(code, SecurityCode.compute(openerPub, makerPub));

    AgentEnvelope.RatchetSync request = new AgentEnvelope.RatchetSync(false, makerPub.encode(), 7);
    AgentEnvelope.RatchetSync answer = new AgentEnvelope.RatchetSync(true, openerPub.encode(), 12);
    vectors.add(vector("ratchet_sync_request", "10.1",
        map("answer", false, "ratchetKeys", "rekey_link x3dhPrivate (public halves)", "msgId", 7),
        map("agentEnvelopeHex", hex(request.encode()),
            "sha256", hex(io.parley.protocol.crypto.Hashes.sha256(request.encode())))));
    vectors.add(vector("ratchet_sync_answer", "10.1",
        map("answer", true, "ratchetKeys",
            "agent_message_rekey_reply openerX3dhPrivate (public halves)", "msgId", 12),
        map("agentEnvelopeHex", hex(answer.encode()),
            "sha256", hex(io.parley.protocol.crypto.Hashes.sha256(answer.encode())))));
    AgentEnvelope.RatchetSync back = assertInstanceOf(AgentEnvelope.RatchetSync.class,
        AgentEnvelope.decode(answer.encode()));
    assertTrue(back.answer());
    assertEquals(12, back.msgId());
    assertArrayEquals(openerPub.encode(), back.ratchetKeys());

    addPq(vectors, handle, secret, openerFresh);
  }

  /** The same on a post-quantum connection: a KEM key in the link, its ciphertext back. */
  private static void addPq(List<Object> vectors, byte[] handle, byte[] secret,
      X3dhKeyPairs openerFresh) throws Exception {
    X3dhKeyPairs maker = X3dhKeyPairs.generate(true,
        new ScriptedRandom(fill(32, 0x71), fill(32, 0x72), fill(32, 0x7b), fill(32, 0x7c)));
    RatchetPublicKeys makerPub = maker.publicKeys();
    assertArrayEquals(pairs(0x71, 0x72).publicKeys().encode(), makerPub.encode());
    RatchetPublicKeys openerPub = openerFresh.publicKeys();
    byte[] kemKey = maker.kemPublicKey();
    String link =
        new RekeyLink(handle, makerPub.key1(), makerPub.key2(), secret, kemKey).encode();
    vectors.add(vector("rekey_link_pq", "9.1",
        map("handle", "rekey_handle.hex", "x3dhPrivate", "rekey_link x3dhPrivate",
            "kemSeed", List.of(hex(fill(32, 0x7b)), hex(fill(32, 0x7c))), "secret", hex(secret)),
        map("kemPublicKeyHex", hex(kemKey), "text", link)));
    RekeyLink parsed = RekeyLink.parse(link);
    assertArrayEquals(kemKey, parsed.kemKey());
    assertTrue(link.length() <= ConnectionLink.MAX_LINK_CHARS);

    Ratchet.JoinerStart start = Ratchet.initJoinerPq(openerFresh, makerPub, kemKey,
        // The last draw is the nonce of the one message sent below to check the new ratchets.
        new ScriptedRandom(fill(32, 0x7d), fill(32, 0x7e), fill(32, 0x7f), fill(32, 0x80),
            fill(12, 0x90)));
    byte[] ct = start.kemCiphertext();
    byte[] mac =
        RekeyProof.mac(secret, handle, makerPub.encode(), openerPub.encode(), kemKey, ct);
    AgentMessage reply = new AgentMessage(2, fill(32, 0x7a),
        new AgentMessage.RekeyReply(handle, openerPub.encode(), mac, ct));
    vectors.add(vector("agent_message_rekey_reply_pq", "9.2",
        map("msgId", 2, "prevHash", hex(fill(32, 0x7a)), "handle", "rekey_handle.hex",
            "openerX3dhPrivate", "agent_message_rekey_reply openerX3dhPrivate",
            "encapsulationSeed", hex(fill(32, 0x7d)), "linkSecret", hex(secret)),
        map("kemCiphertextHex", hex(ct), "macHex", hex(mac), "hex", hex(reply.encode()),
            "sha256", hex(reply.hash()))));
    AgentMessage.RekeyReply seen = assertInstanceOf(AgentMessage.RekeyReply.class,
        AgentMessage.decode(reply.encode()).body());
    assertArrayEquals(ct, seen.kemCiphertext());
    assertTrue(RekeyProof.verify(seen.mac(), secret, handle, makerPub.encode(), seen.keys(),
        kemKey, seen.kemCiphertext()));
    // The classic MAC does not cover the KEM parts, so it does not verify a post-quantum answer.
    assertFalse(RekeyProof.verify(seen.mac(), secret, handle, makerPub.encode(), seen.keys()));
    byte[] otherCt = fill(ct.length, 0x01);
    assertFalse(RekeyProof.verify(seen.mac(), secret, handle, makerPub.encode(), seen.keys(),
        kemKey, otherCt));
    // The maker's new ratchet opens what the opener's sends.
    Ratchet inviter = Ratchet.initInviterPq(maker, openerPub, seen.kemCiphertext());
    assertTrue(inviter.pq());
    assertArrayEquals(fill(5, 0x42),
        inviter.decrypt(start.ratchet().encrypt(fill(5, 0x42), 64)));

    AgentEnvelope.RatchetSync request =
        new AgentEnvelope.RatchetSync(false, makerPub.encode(), 7, kemKey);
    AgentEnvelope.RatchetSync answer =
        new AgentEnvelope.RatchetSync(true, openerPub.encode(), 12, ct);
    vectors.add(vector("ratchet_sync_request_pq", "10.1",
        map("answer", false, "ratchetKeys", "rekey_link x3dhPrivate (public halves)",
            "kem", "rekey_link_pq.kemPublicKeyHex", "msgId", 7),
        map("agentEnvelopeHex", hex(request.encode()),
            "sha256", hex(io.parley.protocol.crypto.Hashes.sha256(request.encode())))));
    vectors.add(vector("ratchet_sync_answer_pq", "10.1",
        map("answer", true, "ratchetKeys",
            "agent_message_rekey_reply openerX3dhPrivate (public halves)",
            "kem", "agent_message_rekey_reply_pq.kemCiphertextHex", "msgId", 12),
        map("agentEnvelopeHex", hex(answer.encode()),
            "sha256", hex(io.parley.protocol.crypto.Hashes.sha256(answer.encode())))));
    AgentEnvelope.RatchetSync back = assertInstanceOf(AgentEnvelope.RatchetSync.class,
        AgentEnvelope.decode(answer.encode()));
    assertArrayEquals(ct, back.kem());
    AgentEnvelope.RatchetSync asked = assertInstanceOf(AgentEnvelope.RatchetSync.class,
        AgentEnvelope.decode(request.encode()));
    assertArrayEquals(kemKey, asked.kem());
    assertFalse(asked.answer());
  }
}
