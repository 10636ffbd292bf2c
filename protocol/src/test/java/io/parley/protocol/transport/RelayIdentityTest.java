package io.parley.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.crypto.Ed25519;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.testing.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RelayIdentityTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();

  @Test
  void keyHashIsBase64UrlOfTheSha256OfTheIdentityCertificateDer() throws Exception {
    byte[] expected = Hashes.sha256(RELAY.identityCertificate().getEncoded());
    assertArrayEquals(expected, RELAY.keyHashBytes());
    assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected),
        RELAY.keyHash());
    assertEquals(43, RELAY.keyHash().length());
  }

  @Test
  void identityIsSelfSignedAndOnlineCertificateIsSignedByIt() {
    byte[] identityKey = Certificates.ed25519PublicKey(RELAY.identityCertificate());
    assertTrue(Certificates.isSignedBy(RELAY.identityCertificate(), identityKey));
    assertTrue(Certificates.isSignedBy(RELAY.onlineCertificate(), identityKey));
    assertEquals(RELAY.identityCertificate().getSubjectX500Principal(),
        RELAY.onlineCertificate().getIssuerX500Principal());
  }

  @Test
  void certificatesLastTenYearsAndOneYear() {
    assertEquals(Certificates.IDENTITY_VALIDITY.plus(Certificates.CLOCK_SKEW),
        lifetime(RELAY.identityCertificate()));
    assertEquals(Certificates.ONLINE_VALIDITY.plus(Certificates.CLOCK_SKEW),
        lifetime(RELAY.onlineCertificate()));
    assertTrue(Certificates.IDENTITY_VALIDITY.toDays() >= 3650);
  }

  private static Duration lifetime(X509Certificate c) {
    return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
  }

  @Test
  void onlineKeySignaturesVerifyWithTheOnlineCertificateKeyOnly() {
    byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = RELAY.signWithOnlineKey(data);
    assertTrue(Ed25519.verify(Certificates.ed25519PublicKey(RELAY.onlineCertificate()), data,
        sig));
    assertFalse(Ed25519.verify(Certificates.ed25519PublicKey(RELAY.identityCertificate()), data,
        sig));
  }

  @Test
  void twoGeneratedIdentitiesHaveDifferentKeyHashes() {
    assertNotEquals(RELAY.keyHash(), TestIdentities.other().keyHash());
  }

  @Test
  void toStringShowsOnlyThePublicKeyHash() {
    assertEquals("RelayIdentity[keyHash=" + RELAY.keyHash() + "]", RELAY.toString());
  }
}
