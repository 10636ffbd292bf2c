package io.parley.protocol.agent;

/**
 * Sizes of the agent layers. What a relay sees is always one size: the per-queue e2e layer pads
 * every SEND body to {@link E2eEnvelope#PADDED_BYTES}. Inside it, the double ratchet pads agent
 * messages only to a size bucket ({@link #messagePaddedBytes}), so the outbox stores about as
 * many bytes as the text needs rather than a full block per message, and connection info to
 * {@link #CONN_INFO_PADDED_BYTES}.
 */
public final class AgentLimits {
  /** Agent protocol version carried in every envelope. */
  public static final int AGENT_VERSION = 1;
  /**
   * Agent version of the hybrid post-quantum ratchet (docs/agent-protocol.md section 8): the
   * highest this agent speaks. Envelopes of a hybrid connection carry it.
   */
  public static final int PQ_AGENT_VERSION = 2;
  /**
   * Largest ratchet plaintext size of an agent message on a hybrid connection: what is left of
   * the e2e envelope's 15898 bytes after the 'M' tag, version and the hybrid ratchet's 2364
   * bytes of overhead, rounded down to a bucket. UNIT: bytes.
   */
  public static final int PQ_MESSAGE_PADDED_BYTES = 13_312;
  /** Ratchet plaintext size of the connection info on a hybrid connection. UNIT: bytes. */
  public static final int PQ_CONN_INFO_PADDED_BYTES = 12_288;
  /** Longest text message (UTF-8) on a hybrid connection. UNIT: bytes. */
  public static final int PQ_MAX_TEXT_BYTES = 13_000;
  /** Largest ratchet plaintext size of an agent message. UNIT: bytes. */
  public static final int MESSAGE_PADDED_BYTES = 15_600;
  /** Ratchet plaintext sizes are multiples of this. UNIT: bytes. */
  public static final int MESSAGE_BUCKET_BYTES = 512;
  /** Ratchet plaintext size of the connection info in a confirmation. UNIT: bytes. */
  public static final int CONN_INFO_PADDED_BYTES = 15_300;
  /** Longest text message (UTF-8) one agent message carries. UNIT: bytes. */
  public static final int MAX_TEXT_BYTES = 15_000;
  /** Longest profile / connection info text. UNIT: bytes. */
  public static final int MAX_PROFILE_BYTES = 4_096;

  private AgentLimits() {}

  /** Longest text on a connection of the given kind. UNIT: bytes. */
  public static int maxTextBytes(boolean pq) {
    return pq ? PQ_MAX_TEXT_BYTES : MAX_TEXT_BYTES;
  }

  /** Connection info padded size for a confirmation of the given kind. UNIT: bytes. */
  public static int connInfoPaddedBytes(boolean pq) {
    return pq ? PQ_CONN_INFO_PADDED_BYTES : CONN_INFO_PADDED_BYTES;
  }

  /**
   * The ratchet padded size for an encoded agent message of {@code length} bytes: the smallest
   * multiple of {@link #MESSAGE_BUCKET_BYTES} that holds it and the padding's length prefix,
   * capped at {@link #MESSAGE_PADDED_BYTES}.
   */
  public static int messagePaddedBytes(int length) {
    return messagePaddedBytes(length, false);
  }

  /** As {@link #messagePaddedBytes(int)}, capped for a hybrid connection when {@code pq}. */
  public static int messagePaddedBytes(int length, boolean pq) {
    int cap = pq ? PQ_MESSAGE_PADDED_BYTES : MESSAGE_PADDED_BYTES;
    int needed = length + io.parley.protocol.codec.Padding.PREFIX_BYTES;
    int buckets = (needed + MESSAGE_BUCKET_BYTES - 1) / MESSAGE_BUCKET_BYTES;
    return Math.min(Math.max(1, buckets) * MESSAGE_BUCKET_BYTES, cap);
  }
}
