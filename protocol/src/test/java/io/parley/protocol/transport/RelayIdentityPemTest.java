package io.parley.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.RelayIdentityPem.Part;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PEM form of a relay identity, in memory: what the relay writes to its files. */
class RelayIdentityPemTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();

  private static Map<Part, String> texts(RelayIdentity id) {
    return new EnumMap<>(RelayIdentityPem.encode(id));
  }

  private static RelayIdentityPemException refusal(Map<Part, String> texts) {
    return assertThrows(RelayIdentityPemException.class, () -> RelayIdentityPem.decode(texts));
  }

  @Test
  void encodingThenDecodingGivesTheSameIdentityAndKeys() throws Exception {
    Map<Part, String> texts = texts(RELAY);
    assertEquals(4, texts.size());
    assertTrue(texts.get(Part.IDENTITY_KEY).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(texts.get(Part.ONLINE_CERTIFICATE).startsWith("-----BEGIN CERTIFICATE-----"));
    RelayIdentity decoded = RelayIdentityPem.decode(texts);
    assertEquals(RELAY.keyHash(), decoded.keyHash());
    assertEquals(RELAY.onlineCertificate(), decoded.onlineCertificate());
    byte[] data = {4, 5, 6};
    assertArrayEquals(RELAY.signWithOnlineKey(data), decoded.signWithOnlineKey(data));
  }

  @Test
  void onlyTheTwoKeysAreSecretAndEachPartHasItsOwnFileName() {
    assertTrue(Part.IDENTITY_KEY.secret());
    assertTrue(Part.ONLINE_KEY.secret());
    assertFalse(Part.IDENTITY_CERTIFICATE.secret());
    assertFalse(Part.ONLINE_CERTIFICATE.secret());
    assertEquals("identity.crt", Part.IDENTITY_CERTIFICATE.fileName());
    assertEquals("online.key", Part.ONLINE_KEY.fileName());
  }

  @Test
  void aMissingPartIsNamed() {
    Map<Part, String> texts = texts(RELAY);
    texts.remove(Part.ONLINE_KEY);
    RelayIdentityPemException e = refusal(texts);
    assertEquals(Part.ONLINE_KEY, e.part());
    assertEquals("online.key is missing", e.getMessage());
  }

  @Test
  void aPartThatIsNotPemOrNotOfItsTypeIsNamedWithTheProblem() {
    Map<Part, String> texts = texts(RELAY);
    texts.put(Part.ONLINE_CERTIFICATE, "not pem at all");
    assertEquals("does not hold a PEM CERTIFICATE", refusal(texts).problem());
    texts = texts(RELAY);
    texts.put(Part.IDENTITY_CERTIFICATE, texts.get(Part.IDENTITY_KEY));
    RelayIdentityPemException e = refusal(texts);
    assertEquals(Part.IDENTITY_CERTIFICATE, e.part());
    assertEquals("does not hold a PEM CERTIFICATE", e.problem());
  }

  @Test
  void partsOfTwoIdentitiesDoNotDecodeAsOne() {
    Map<Part, String> other = texts(TestIdentities.other());
    Map<Part, String> texts = texts(RELAY);
    texts.put(Part.ONLINE_KEY, other.get(Part.ONLINE_KEY));
    RelayIdentityPemException e = refusal(texts);
    assertEquals(Part.ONLINE_KEY, e.part());
    assertEquals("does not match online.crt", e.problem());
    texts = texts(RELAY);
    texts.put(Part.ONLINE_CERTIFICATE, other.get(Part.ONLINE_CERTIFICATE));
    assertEquals("is not signed by the identity key", refusal(texts).problem());
  }

  @Test
  void aRefusalNeverCarriesKeyMaterial() {
    Map<Part, String> texts = texts(RELAY);
    String key = texts.get(Part.IDENTITY_KEY);
    texts.put(Part.IDENTITY_KEY, key.replace("-----BEGIN PRIVATE KEY-----", "-----BEGIN X-----"));
    RelayIdentityPemException e = refusal(texts);
    String body = key.split("\n")[1];
    assertFalse(e.getMessage().contains(body), e.getMessage());
    assertEquals(Part.IDENTITY_KEY, e.part());
  }
}
