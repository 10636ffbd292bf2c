package io.parley.protocol.ratchet;

import static io.parley.protocol.ratchet.Parties.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecurityCodeTest {
  @Test
  void bothSidesOfAnHonestConnectionComputeTheSameCode() {
    RatchetPublicKeys inviter = X3dhKeyPairs.generate().publicKeys();
    RatchetPublicKeys joiner = X3dhKeyPairs.generate().publicKeys();
    assertEquals(SecurityCode.compute(inviter, joiner), SecurityCode.compute(joiner, inviter));
  }

  @Test
  void theCodeIsTwelveGroupsOfFiveDigits() {
    String code = SecurityCode.compute(
        X3dhKeyPairs.generate().publicKeys(), X3dhKeyPairs.generate().publicKeys());
    assertTrue(code.matches("\\d{5}( \\d{5}){11}"), code);
  }

  @Test
  void aManInTheMiddleWhoReplacesThePublishedKeysGetsDifferentCodesOnEachSide()
      throws Exception {
    X3dhKeyPairs inviter = X3dhKeyPairs.generate();
    X3dhKeyPairs joiner = X3dhKeyPairs.generate();
    X3dhKeyPairs mitmToJoiner = X3dhKeyPairs.generate();
    X3dhKeyPairs mitmToInviter = X3dhKeyPairs.generate();
    // The attacker rewrites the link and the confirmation, and can then relay every message.
    Ratchet joinerSide = Ratchet.initJoiner(joiner, mitmToJoiner.publicKeys());
    Ratchet mitmAsInviter = Ratchet.initInviter(mitmToJoiner, joiner.publicKeys());
    Ratchet mitmAsJoiner = Ratchet.initJoiner(mitmToInviter, inviter.publicKeys());
    Ratchet inviterSide = Ratchet.initInviter(inviter, mitmToInviter.publicKeys());
    byte[] read = mitmAsInviter.decrypt(joinerSide.encrypt(utf8("secret"), 64));
    assertArrayEquals(utf8("secret"), inviterSide.decrypt(mitmAsJoiner.encrypt(read, 64)));

    String seenByJoiner = SecurityCode.compute(joiner.publicKeys(), mitmToJoiner.publicKeys());
    String seenByInviter = SecurityCode.compute(inviter.publicKeys(), mitmToInviter.publicKeys());
    assertNotEquals(seenByJoiner, seenByInviter);
  }

  @Test
  void replacingOnlyTheSecondKeyChangesTheCode() {
    RatchetPublicKeys own = X3dhKeyPairs.generate().publicKeys();
    RatchetPublicKeys peer = X3dhKeyPairs.generate().publicKeys();
    RatchetPublicKeys swapped =
        new RatchetPublicKeys(peer.key1(), X3dhKeyPairs.generate().publicKeys().key2());
    assertNotEquals(SecurityCode.compute(own, peer), SecurityCode.compute(own, swapped));
  }

  @Test
  void separateConnectionsHaveDifferentCodes() {
    RatchetPublicKeys own = X3dhKeyPairs.generate().publicKeys();
    assertNotEquals(
        SecurityCode.compute(own, X3dhKeyPairs.generate().publicKeys()),
        SecurityCode.compute(own, X3dhKeyPairs.generate().publicKeys()));
  }
}
