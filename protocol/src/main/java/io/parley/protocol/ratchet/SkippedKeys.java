package io.parley.protocol.ratchet;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.Aead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Message keys of messages not yet received, grouped by the receiving header key of their chain
 * (docs/ratchet.md, section 6). Chains are kept oldest first, and within a chain keys ascend by
 * number, so the oldest key is always the lowest key of the first non-empty chain. A chain stays
 * tracked after its keys are used up so that a replay under it is recognised as a duplicate.
 * Bounded by {@link Ratchet#MAX_STORED_SKIPPED_KEYS} keys and {@link Ratchet#MAX_TRACKED_CHAINS}
 * chains, oldest evicted. Not thread-safe.
 */
final class SkippedKeys {
  /** One receiving chain: its header key and the keys still held, by message number. */
  private static final class Chain {
    final byte[] headerKey;
    final TreeMap<Long, MessageKey> keys;

    Chain(byte[] headerKey, TreeMap<Long, MessageKey> keys) {
      this.headerKey = headerKey;
      this.keys = keys;
    }
  }

  private final List<Chain> chains;
  private int size;

  SkippedKeys() {
    this(new ArrayList<>(), 0);
  }

  private SkippedKeys(List<Chain> chains, int size) {
    this.chains = chains;
    this.size = size;
  }

  /** A copy that shares no mutable structure (key arrays are never mutated, so are shared). */
  SkippedKeys copy() {
    List<Chain> copied = new ArrayList<>(chains.size());
    for (Chain c : chains) {
      copied.add(new Chain(c.headerKey, new TreeMap<>(c.keys)));
    }
    return new SkippedKeys(copied, size);
  }

  /** Starts tracking a new receiving chain as the newest; drops the oldest past the cap. */
  void track(byte[] headerKey) {
    if (find(headerKey) != null) {
      return;
    }
    chains.add(new Chain(headerKey, new TreeMap<>()));
    while (chains.size() > Ratchet.MAX_TRACKED_CHAINS) {
      size -= chains.remove(0).keys.size();
    }
  }

  /** Stores a key under a tracked chain, then evicts the oldest keys past the total cap. */
  void put(byte[] headerKey, long number, MessageKey key) {
    Chain c = find(headerKey);
    if (c == null) {
      throw new IllegalStateException("chain not tracked");
    }
    if (c.keys.put(number, key) == null) {
      size++;
    }
    while (size > Ratchet.MAX_STORED_SKIPPED_KEYS) {
      evictOldest();
    }
  }

  /** Removes and returns the key for {@code number} in the chain, or null if not held. */
  MessageKey take(byte[] headerKey, long number) {
    Chain c = find(headerKey);
    if (c == null) {
      return null;
    }
    MessageKey k = c.keys.remove(number);
    if (k != null) {
      size--;
    }
    return k;
  }

  /** Header keys of the tracked chains, newest first (late messages are usually recent). */
  List<byte[]> headerKeysNewestFirst() {
    List<byte[]> out = new ArrayList<>(chains.size());
    for (int i = chains.size() - 1; i >= 0; i--) {
      out.add(chains.get(i).headerKey);
    }
    return out;
  }

  int size() {
    return size;
  }

  private void evictOldest() {
    for (Chain c : chains) {
      if (!c.keys.isEmpty()) {
        c.keys.pollFirstEntry();
        size--;
        return;
      }
    }
  }

  private Chain find(byte[] headerKey) {
    for (Chain c : chains) {
      if (Arrays.equals(c.headerKey, headerKey)) {
        return c;
      }
    }
    return null;
  }

  /** {@code u8 chains}, then per chain: header key, {@code u16 count}, (u32 n, key, nonce)*. */
  void encode(Encoder e) {
    e.u8(chains.size());
    for (Chain c : chains) {
      e.raw(c.headerKey).u16(c.keys.size());
      for (Map.Entry<Long, MessageKey> k : c.keys.entrySet()) {
        e.u32(k.getKey()).raw(k.getValue().key()).raw(k.getValue().nonce());
      }
    }
  }

  /** Inverse of {@link #encode}; rejects caps exceeded, repeated chains, unordered numbers. */
  static SkippedKeys decode(Decoder d) throws CodecException {
    int chainCount = d.u8();
    if (chainCount > Ratchet.MAX_TRACKED_CHAINS) {
      throw new CodecException("too many tracked chains: " + chainCount, d.position());
    }
    SkippedKeys s = new SkippedKeys();
    for (int i = 0; i < chainCount; i++) {
      byte[] headerKey = d.bytes(Kdf.KEY_BYTES);
      if (s.find(headerKey) != null) {
        throw new CodecException("chain stored twice", d.position());
      }
      int count = d.u16();
      if (s.size + count > Ratchet.MAX_STORED_SKIPPED_KEYS) {
        throw new CodecException("too many skipped keys", d.position());
      }
      TreeMap<Long, MessageKey> keys = new TreeMap<>();
      long previous = -1;
      for (int j = 0; j < count; j++) {
        long n = d.u32();
        if (n <= previous) {
          throw new CodecException("skipped key numbers out of order", d.position());
        }
        previous = n;
        keys.put(n, new MessageKey(d.bytes(Aead.KEY_BYTES), d.bytes(Aead.NONCE_BYTES)));
      }
      s.chains.add(new Chain(headerKey, keys));
      s.size += count;
    }
    return s;
  }
}
