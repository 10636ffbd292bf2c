package io.parley.protocol.ratchet;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.crypto.Aead;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.X25519;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The receiving half of the header-encrypted double ratchet (docs/ratchet.md, section 7). It
 * mutates the state it is given freely; {@link Ratchet#decrypt} hands it a copy and keeps the
 * copy only on success, which is what makes a failed decrypt leave no trace.
 */
final class Receiver {
  private Receiver() {}

  static byte[] decrypt(RatchetState s, byte[] message, SecureRandom random) throws RatchetException {
    int overhead = Ratchet.overheadBytes(s.pq);
    if (message.length < overhead + Padding.PREFIX_BYTES
        || message.length > overhead + Ratchet.MAX_PADDED_BYTES) {
      throw new RatchetException(
          RatchetException.Reason.BAD_MESSAGE, "message length " + message.length);
    }
    byte[] ad = s.associatedData;
    if (s.receivingHeaderKey != null) {
      Header h = Header.open(s.receivingHeaderKey, ad, message, s.pq);
      if (h != null) {
        return inCurrentChain(s, checked(h), message);
      }
    }
    Header next = Header.open(s.nextReceivingHeaderKey, ad, message, s.pq);
    if (next != null) {
      return afterRatchetStep(s, checked(next), message, random);
    }
    for (byte[] hk : s.skipped.headerKeysNewestFirst()) {
      if (Arrays.equals(hk, s.receivingHeaderKey)) {
        continue;
      }
      Header h = Header.open(hk, ad, message, s.pq);
      if (h != null) {
        return openBody(heldKey(s, hk, h.number()), s, message);
      }
    }
    throw new RatchetException(
        RatchetException.Reason.BAD_HEADER, "header matches no receiving header key");
  }

  private static byte[] inCurrentChain(RatchetState s, Header h, byte[] message)
      throws RatchetException {
    if (!Arrays.equals(h.ratchetKey(), s.dhr)
        || (s.pq && !Arrays.equals(h.kemPublicKey(), s.kemr))) {
      throw new RatchetException(
          RatchetException.Reason.BAD_HEADER, "ratchet key changed under the same header key");
    }
    if (h.number() < s.received) {
      return openBody(heldKey(s, s.receivingHeaderKey, h.number()), s, message);
    }
    checkSkip(h.number() - s.received);
    skipTo(s, h.number());
    return openBody(advance(s), s, message);
  }

  private static byte[] afterRatchetStep(RatchetState s, Header h, byte[] message,
      SecureRandom random)
      throws RatchetException {
    boolean hasChain = s.receivingChainKey != null;
    long toSkip = h.number();
    if (hasChain) {
      if (h.previousChainLength() < s.received) {
        throw new RatchetException(
            RatchetException.Reason.BAD_HEADER, "previous chain shorter than already received");
      }
      toSkip += h.previousChainLength() - s.received;
    }
    checkSkip(toSkip);
    if (hasChain) {
      skipTo(s, h.previousChainLength());
    }
    ratchetStep(s, h, random);
    skipTo(s, h.number());
    return openBody(advance(s), s, message);
  }

  /** Signal's DHRatchetHE: a new receiving chain from their key, a new sending chain from ours. */
  private static void ratchetStep(RatchetState s, Header h, SecureRandom random)
      throws RatchetException {
    if (s.pq) {
      PqStep.ratchetStep(s, h, random);
      return;
    }
    byte[] theirKey = h.ratchetKey();
    s.previousSent = s.sent;
    s.sent = 0;
    s.received = 0;
    s.sendingHeaderKey = s.nextSendingHeaderKey;
    s.receivingHeaderKey = s.nextReceivingHeaderKey;
    s.dhr = theirKey;
    Kdf.RootStep receiving = Kdf.root(
        s.rootKey, Kdf.agree(s.dhsPrivate, theirKey, RatchetException.Reason.BAD_HEADER));
    s.receivingChainKey = receiving.chainKey();
    s.nextReceivingHeaderKey = receiving.nextHeaderKey();
    X25519.KeyPair fresh = X25519.generate(random);
    s.dhsPrivate = fresh.privateKey();
    s.dhsPublic = fresh.publicKey();
    Kdf.RootStep sending = Kdf.root(receiving.rootKey(),
        Kdf.agree(fresh.privateKey(), theirKey, RatchetException.Reason.BAD_HEADER));
    s.rootKey = sending.rootKey();
    s.sendingChainKey = sending.chainKey();
    s.nextSendingHeaderKey = sending.nextHeaderKey();
    s.skipped.track(s.receivingHeaderKey);
  }

  /** An honest sender never numbers a message with the largest counter (see Ratchet#encrypt). */
  private static Header checked(Header h) throws RatchetException {
    if (h.number() >= Header.MAX_COUNTER) {
      throw new RatchetException(RatchetException.Reason.BAD_HEADER, "message number too large");
    }
    return h;
  }

  private static void checkSkip(long toSkip) throws RatchetException {
    if (toSkip > Ratchet.MAX_SKIP) {
      throw new RatchetException(RatchetException.Reason.TOO_MANY_SKIPPED,
          toSkip + " message keys to skip, at most " + Ratchet.MAX_SKIP);
    }
  }

  private static void skipTo(RatchetState s, long until) {
    while (s.received < until) {
      long n = s.received;
      s.skipped.put(s.receivingHeaderKey, n, advance(s));
    }
  }

  private static MessageKey advance(RatchetState s) {
    Kdf.ChainStep step = Kdf.chain(s.receivingChainKey);
    s.receivingChainKey = step.nextChainKey();
    s.received++;
    return step.messageKey();
  }

  private static MessageKey heldKey(RatchetState s, byte[] headerKey, long number)
      throws RatchetException {
    MessageKey k = s.skipped.take(headerKey, number);
    if (k == null) {
      throw new RatchetException(
          RatchetException.Reason.DUPLICATE, "message key already used or evicted");
    }
    return k;
  }

  private static byte[] openBody(MessageKey key, RatchetState s, byte[] message)
      throws RatchetException {
    byte[] aad = Ratchet.bodyAssociatedData(s.associatedData, message, s.pq);
    byte[] body = Arrays.copyOfRange(message, Header.sealedBytes(s.pq), message.length);
    try {
      return Padding.unpad(Aead.open(key.key(), key.nonce(), aad, body));
    } catch (CryptoException | CodecException e) {
      throw new RatchetException(RatchetException.Reason.BAD_MESSAGE, "body does not open", e);
    }
  }
}
