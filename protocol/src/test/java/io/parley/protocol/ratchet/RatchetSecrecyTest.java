package io.parley.protocol.ratchet;

import static io.parley.protocol.ratchet.Parties.SMALL_PADDED;
import static io.parley.protocol.ratchet.Parties.assertRejected;
import static io.parley.protocol.ratchet.Parties.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.parley.protocol.ratchet.RatchetException.Reason;
import org.junit.jupiter.api.Test;

/** Forward secrecy and recovery from a stolen state, as far as the state alone can show them. */
class RatchetSecrecyTest {
  @Test
  void aStateStolenAfterDecryptingCannotDecryptEarlierMessages() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] oldChain = p.joiner.encrypt(utf8("before"), SMALL_PADDED);
    p.inviter.decrypt(oldChain);
    p.deliver(p.inviter, p.joiner, "turn");
    byte[] current = p.joiner.encrypt(utf8("now"), SMALL_PADDED);
    p.inviter.decrypt(current);

    Ratchet stolen = Ratchet.deserialize(p.inviter.serialize());
    assertRejected(Reason.DUPLICATE, stolen, current);
    assertRejected(Reason.DUPLICATE, stolen, oldChain);
  }

  @Test
  void aStateStolenFromTheJoinerStopsDecryptingOnceTheJoinerHasRatchetedAgain()
      throws Exception {
    Parties p = Parties.connectAndGreet();
    p.deliver(p.joiner, p.inviter, "a1");
    Ratchet stolen = Ratchet.deserialize(p.joiner.serialize());

    byte[] b1 = p.inviter.encrypt(utf8("b1"), SMALL_PADDED);
    // The theft is real: the next chain still depends on the stolen ratchet secret.
    assertArrayEquals(utf8("b1"), stolen.decrypt(b1));
    assertArrayEquals(utf8("b1"), p.joiner.decrypt(b1));
    p.deliver(p.joiner, p.inviter, "a2 with a fresh ratchet key");
    byte[] b2 = p.inviter.encrypt(utf8("b2"), SMALL_PADDED);
    // Header keys run one root step ahead of chain keys, so the thief still opens this header,
    // but the body's chain needs the joiner's fresh ratchet secret.
    assertRejected(Reason.BAD_MESSAGE, stolen, b2);
    assertArrayEquals(utf8("b2"), p.joiner.decrypt(b2));
    p.deliver(p.joiner, p.inviter, "a3");
    assertRejected(Reason.BAD_HEADER, stolen, p.inviter.encrypt(utf8("b3"), SMALL_PADDED));
  }
}
