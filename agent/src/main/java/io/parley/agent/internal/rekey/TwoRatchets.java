package io.parley.agent.internal.rekey;

import io.parley.agent.internal.e2e.Decrypted;
import io.parley.agent.internal.e2e.MessageOpening;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.RatchetChangeRow;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;

/**
 * Opens an agent message on a connection that may hold a second, receive-only ratchet during a
 * re-key. The connection's ratchet is tried first. A new ratchet waiting to be used (the link
 * maker's, before the opener's first message under it) becomes the connection's ratchet as soon
 * as a message decrypts under it; an old one (the opener's, for messages still in flight) is
 * dropped as soon as a message decrypts under the connection's ratchet, since the peer sends
 * under the new one only once it has switched. Stateless; caller holds the connection's monitor.
 */
public final class TwoRatchets {
  private TwoRatchets() {}

  /**
   * What opening gave, and whether the change row of {@code s} changed (the caller stores
   * {@link ConnectionState#change()} in the same unit as the message).
   */
  public record Opened(Decrypted decrypted, boolean changeTouched) {}

  public static Opened openLocked(ConnectionState s, byte[] envelope) {
    Decrypted d = MessageOpening.open(s.ratchet(), s.rcvLastId(), s.rcvLastHash(), envelope);
    Ratchet other = s.otherRatchet();
    RatchetChangeRow c = s.change();
    if (other == null || c == null) {
      return new Opened(d, false);
    }
    try {
      if (d instanceof Decrypted.Failed f && f.failure() == Decrypted.Failure.UNDECRYPTABLE) {
        Decrypted viaOther = MessageOpening.open(other, s.rcvLastId(), s.rcvLastHash(), envelope);
        if (!(viaOther instanceof Decrypted.Accepted)) {
          return new Opened(viaOther instanceof Decrypted.Duplicate ? viaOther : d, false);
        }
        if (c.otherIsNext()) {
          s.setRatchet(other);
          s.setChange(c.withOther(null, false));
        } else {
          s.setChange(c.withOther(other.serialize(), false));
        }
        return new Opened(viaOther, true);
      }
      if (d instanceof Decrypted.Accepted && !c.otherIsNext()) {
        s.setChange(c.withOther(null, false));
        return new Opened(d, true);
      }
    } catch (RatchetException e) {
      // Re-reading a state serialized a moment ago cannot fail; keep what decrypted.
      return new Opened(d, false);
    }
    return new Opened(d, false);
  }
}
