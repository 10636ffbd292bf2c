package io.parley.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.crypto.Ed25519;
import io.parley.protocol.testing.TestIdentities;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class PinningTrustManagerTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();
  private static final RelayIdentity OTHER = TestIdentities.other();
  private static final byte[] HASH = RELAY.keyHashBytes();

  private static String refusal(X509Certificate[] chain, Date at) {
    return assertThrows(RelayIdentityMismatchException.class,
        () -> PinningTrustManager.check(chain, HASH, at)).detail();
  }

  @Test
  void theRelaysOwnChainIsAcceptedThroughTheTrustManagerInterface() {
    PinningTrustManager tm = new PinningTrustManager(HASH, Clock.systemUTC());
    assertDoesNotThrow(() -> tm.checkServerTrusted(RELAY.chain(), "EdDSA"));
    assertEquals(0, tm.getAcceptedIssuers().length);
  }

  @Test
  void chainsOfOtherLengthsThanTwoAreRefused() {
    assertEquals("chain must hold exactly 2 certificates",
        refusal(new X509Certificate[] {RELAY.identityCertificate()}, new Date()));
    X509Certificate[] three = {RELAY.onlineCertificate(), RELAY.identityCertificate(),
        RELAY.identityCertificate()};
    assertEquals("chain must hold exactly 2 certificates", refusal(three, new Date()));
    assertEquals("chain must hold exactly 2 certificates", refusal(null, new Date()));
  }

  @Test
  void chainInTheWrongOrderIsRefused() {
    X509Certificate[] reversed = {RELAY.identityCertificate(), RELAY.onlineCertificate()};
    assertEquals("identity certificate hash differs", refusal(reversed, new Date()));
  }

  @Test
  void identityCertificateNotSelfSignedIsRefused() {
    // Identity certificate carrying the relay's key but signed by another key: it hashes to
    // whatever the attacker wants to pin, so the self-signature check must catch it.
    Ed25519.KeyPair claimed = Ed25519.generate();
    Ed25519.KeyPair signer = Ed25519.generate();
    X509Certificate badIdentity = Certificates.identityCertificate(
        new Ed25519.KeyPair(claimed.publicKey(), signer.privateKey()), Instant.now());
    X509Certificate online =
        Certificates.onlineCertificate(Ed25519.generate(), claimed, Instant.now());
    X509Certificate[] chain = {online, badIdentity};
    RelayIdentityMismatchException e = assertThrows(RelayIdentityMismatchException.class,
        () -> PinningTrustManager.check(chain, Certificates.keyHash(badIdentity), new Date()));
    assertEquals("identity certificate is not self-signed", e.detail());
  }

  @Test
  void onlineCertificateFromAnotherIdentityIsRefused() {
    X509Certificate[] chain = {OTHER.onlineCertificate(), RELAY.identityCertificate()};
    assertEquals("online certificate not signed by identity", refusal(chain, new Date()));
  }

  @Test
  void certificatesOutsideTheirValidityAreRefused() {
    Instant now = Instant.now();
    Date afterOnlineExpiry = Date.from(now.plus(Certificates.ONLINE_VALIDITY).plusSeconds(60));
    assertEquals("certificate outside its validity period",
        refusal(RELAY.chain(), afterOnlineExpiry));
    Date beforeIssue = Date.from(now.minus(Certificates.CLOCK_SKEW).minus(Duration.ofHours(1)));
    assertEquals("certificate outside its validity period", refusal(RELAY.chain(), beforeIssue));
  }

  @Test
  void thePinnedChainIsJudgedAtTheInjectedClocksTimeAndIsExpiredAtALaterOne() {
    Instant issued = RELAY.onlineCertificate().getNotBefore().toInstant();
    PinningTrustManager whileValid = new PinningTrustManager(HASH,
        Clock.fixed(issued.plus(Duration.ofDays(30)), ZoneOffset.UTC));
    assertDoesNotThrow(() -> whileValid.checkServerTrusted(RELAY.chain(), "EdDSA"));

    Instant expiry = RELAY.onlineCertificateNotAfter();
    PinningTrustManager afterExpiry = new PinningTrustManager(HASH,
        Clock.fixed(expiry.plus(Duration.ofMinutes(1)), ZoneOffset.UTC));
    RelayIdentityMismatchException e = assertThrows(RelayIdentityMismatchException.class,
        () -> afterExpiry.checkServerTrusted(RELAY.chain(), "EdDSA"));
    assertEquals("certificate outside its validity period", e.detail());

    PinningTrustManager beforeIssue = new PinningTrustManager(HASH,
        Clock.fixed(issued.minus(Duration.ofMinutes(1)), ZoneOffset.UTC));
    assertThrows(RelayIdentityMismatchException.class,
        () -> beforeIssue.checkServerTrusted(RELAY.chain(), "EdDSA"));
  }

  @Test
  void aGeneratedIdentityIsValidFromTheInjectedClocksTimeLessTheSkewAllowance() {
    Instant then = Instant.parse("2030-01-02T03:04:05Z");
    RelayIdentity generated = RelayIdentity.generate(Clock.fixed(then, ZoneOffset.UTC));
    assertEquals(then.minus(Certificates.CLOCK_SKEW),
        generated.onlineCertificate().getNotBefore().toInstant());
    assertEquals(then.plus(Certificates.ONLINE_VALIDITY), generated.onlineCertificateNotAfter());
    assertEquals(then.plus(Certificates.IDENTITY_VALIDITY),
        generated.identityCertificate().getNotAfter().toInstant());
  }

  @Test
  void clientCertificatesAreNeverTrusted() {
    PinningTrustManager tm = new PinningTrustManager(HASH, Clock.systemUTC());
    assertThrows(CertificateException.class, () -> tm.checkClientTrusted(RELAY.chain(), "EdDSA"));
  }

  @Test
  void aKeyHashOfTheWrongLengthIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class,
        () -> new PinningTrustManager(new byte[31], Clock.systemUTC()));
  }
}
