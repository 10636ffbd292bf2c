package io.parley.relay.store;

/**
 * Internal knobs of the persistent store that operators have no reason to change; tests lower
 * the thresholds to exercise rolling and online compaction on small data.
 *
 * @param opener opens every channel the store writes
 * @param compactionMinBytes the journal is never compacted online below this size; UNIT: bytes
 * @param maxSegmentBytes a journal segment past this size is closed and a new one started;
 *     UNIT: bytes
 */
record StoreTuning(ChannelOpener opener, long compactionMinBytes, long maxSegmentBytes) {
  /** UNIT: bytes. */
  static final long DEFAULT_COMPACTION_MIN_BYTES = 64L << 20;
  /** UNIT: bytes. */
  static final long DEFAULT_MAX_SEGMENT_BYTES = 256L << 20;
  /**
   * Online compaction starts once the journal on disk is this many times larger than the
   * records of live messages, i.e. when most of it is garbage.
   */
  static final int GARBAGE_RATIO = 2;

  static final StoreTuning DEFAULT = new StoreTuning(
      ChannelOpener.FILES, DEFAULT_COMPACTION_MIN_BYTES, DEFAULT_MAX_SEGMENT_BYTES);
}
