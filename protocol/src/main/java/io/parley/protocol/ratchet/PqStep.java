package io.parley.protocol.ratchet;

import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.X25519;
import java.security.SecureRandom;

/**
 * The DH ratchet step of the hybrid ratchet (docs/ratchet.md, section 12.3): the classic step
 * with an ML-KEM-768 secret mixed into each root KDF. The receiving chain's secret is the
 * decapsulation of the ciphertext in the peer's header under this side's current KEM key (the
 * one this side sent in its own headers); the sending chain's is a fresh encapsulation to the
 * KEM key in the peer's header, whose ciphertext then rides in every header of the new chain.
 */
final class PqStep {
  private PqStep() {}

  static void ratchetStep(RatchetState s, Header h, SecureRandom random)
      throws RatchetException {
    byte[] receivedSecret = null;
    if (h.kemCiphertext() != null) {
      receivedSecret = Kdf.decapsulate(
          s.kemsPrivate, h.kemCiphertext(), RatchetException.Reason.BAD_HEADER);
    } else if (s.kemr != null) {
      // Only the joiner's first chain goes without a ciphertext, and then the inviter holds no
      // peer KEM key yet; anywhere else a missing ciphertext would drop the KEM from the chain.
      throw new RatchetException(RatchetException.Reason.BAD_HEADER, "KEM ciphertext missing");
    }
    byte[] theirKey = h.ratchetKey();
    s.previousSent = s.sent;
    s.sent = 0;
    s.received = 0;
    s.sendingHeaderKey = s.nextSendingHeaderKey;
    s.receivingHeaderKey = s.nextReceivingHeaderKey;
    s.dhr = theirKey;
    s.kemr = h.kemPublicKey();
    Kdf.RootStep receiving = Kdf.rootPq(s.rootKey,
        Kdf.agree(s.dhsPrivate, theirKey, RatchetException.Reason.BAD_HEADER), receivedSecret);
    s.receivingChainKey = receiving.chainKey();
    s.nextReceivingHeaderKey = receiving.nextHeaderKey();
    X25519.KeyPair fresh = X25519.generate(random);
    MlKem.KeyPair freshKem = MlKem.generate(random);
    MlKem.Encapsulation sent =
        Kdf.encapsulate(s.kemr, random, RatchetException.Reason.BAD_HEADER);
    s.dhsPrivate = fresh.privateKey();
    s.dhsPublic = fresh.publicKey();
    s.kemsPrivate = freshKem.privateKey();
    s.kemCiphertext = sent.ciphertext();
    Kdf.RootStep sending = Kdf.rootPq(receiving.rootKey(),
        Kdf.agree(fresh.privateKey(), theirKey, RatchetException.Reason.BAD_HEADER),
        sent.secret());
    s.rootKey = sending.rootKey();
    s.sendingChainKey = sending.chainKey();
    s.nextSendingHeaderKey = sending.nextHeaderKey();
    s.skipped.track(s.receivingHeaderKey);
  }
}
