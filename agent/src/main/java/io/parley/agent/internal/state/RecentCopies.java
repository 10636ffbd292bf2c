package io.parley.agent.internal.state;

import io.parley.protocol.crypto.Hashes;
import java.nio.ByteBuffer;

/**
 * The ratchet envelopes a connection opened lately, by hash, so that the copies of one message
 * arriving over its other receive queues are dropped before the ratchet sees them. The ratchet
 * itself recognises a copy as a duplicate only while the copy's receiving chain is still among
 * the chains it tracks; a relay lagging many turns behind would otherwise bring copies that
 * open as {@code undecryptable}. Bounded: the oldest hash goes first. Memory only: after a
 * restart the ratchet's own check is what remains (docs/agent.md section 2.1). Not
 * thread-safe; used under the connection's monitor.
 */
public final class RecentCopies {
  /** Envelopes remembered: 12 KiB per connection with several receive queues. UNIT: envelopes. */
  static final int CAPACITY = 512;
  /** Open-addressing table, twice the capacity; 0 marks a free slot. */
  private static final int SLOTS = CAPACITY * 2;

  private final long[] ring = new long[CAPACITY];
  private final long[] table = new long[SLOTS];
  private int next;
  private int size;

  /** Whether an envelope with these bytes was opened lately. */
  public boolean contains(byte[] envelope) {
    return slotOf(key(envelope)) >= 0;
  }

  /** Remembers an envelope that opened; forgets the oldest past the capacity. */
  public void add(byte[] envelope) {
    long k = key(envelope);
    if (slotOf(k) >= 0) {
      return;
    }
    if (size == CAPACITY) {
      remove(ring[next]);
    } else {
      size++;
    }
    ring[next] = k;
    next = (next + 1) % CAPACITY;
    int i = home(k);
    while (table[i] != 0) {
      i = (i + 1) % SLOTS;
    }
    table[i] = k;
  }

  private int slotOf(long k) {
    for (int i = home(k); table[i] != 0; i = (i + 1) % SLOTS) {
      if (table[i] == k) {
        return i;
      }
    }
    return -1;
  }

  /** Deletes by re-inserting the rest of the run (linear probing has no tombstones here). */
  private void remove(long k) {
    int i = slotOf(k);
    if (i < 0) {
      return;
    }
    table[i] = 0;
    for (int j = (i + 1) % SLOTS; table[j] != 0; j = (j + 1) % SLOTS) {
      long moved = table[j];
      table[j] = 0;
      int h = home(moved);
      while (table[h] != 0) {
        h = (h + 1) % SLOTS;
      }
      table[h] = moved;
    }
  }

  private static int home(long k) {
    return (int) Math.floorMod(k ^ (k >>> 32), (long) SLOTS);
  }

  private static long key(byte[] envelope) {
    long k = ByteBuffer.wrap(Hashes.sha256(envelope)).getLong();
    return k == 0 ? 1 : k; // 0 marks a free slot
  }

  @Override
  public String toString() {
    return "RecentCopies[size=" + size + "]";
  }
}
