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
  /** Envelopes remembered at most: 12 KiB per busy connection. UNIT: envelopes. */
  static final int CAPACITY = 512;
  /**
   * Envelopes room is made for at first; the room doubles as they come, so the 100,000 mostly
   * quiet connections of a bot hold 192 bytes each rather than 12 KiB. UNIT: envelopes.
   */
  static final int INITIAL_CAPACITY = 8;

  /** Hashes in the order added; the oldest at {@code next} once full. */
  private long[] ring = new long[INITIAL_CAPACITY];
  /** Open-addressing table, twice the ring's length; 0 marks a free slot. */
  private long[] table = new long[INITIAL_CAPACITY * 2];
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
    if (size == ring.length && ring.length < CAPACITY) {
      grow();
    }
    if (size == ring.length) {
      remove(ring[next]);
    } else {
      size++;
    }
    ring[next] = k;
    next = (next + 1) % ring.length;
    insert(k);
  }

  /** Doubles the room, keeping the order of the full ring (oldest first). */
  private void grow() {
    long[] ordered = new long[ring.length * 2];
    for (int i = 0; i < size; i++) {
      ordered[i] = ring[(next + i) % ring.length];
    }
    ring = ordered;
    next = size;
    table = new long[ring.length * 2];
    for (int i = 0; i < size; i++) {
      insert(ring[i]);
    }
  }

  private void insert(long k) {
    int i = home(k);
    while (table[i] != 0) {
      i = (i + 1) % table.length;
    }
    table[i] = k;
  }

  private int slotOf(long k) {
    for (int i = home(k); table[i] != 0; i = (i + 1) % table.length) {
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
    for (int j = (i + 1) % table.length; table[j] != 0; j = (j + 1) % table.length) {
      long moved = table[j];
      table[j] = 0;
      insert(moved);
    }
  }

  private int home(long k) {
    return (int) Math.floorMod(k ^ (k >>> 32), (long) table.length);
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
