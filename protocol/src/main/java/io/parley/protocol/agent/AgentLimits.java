package io.parley.protocol.agent;

/**
 * Fixed sizes of the agent layers. The double ratchet pads every agent message to
 * {@link #MESSAGE_PADDED_BYTES} and every connection-info payload to
 * {@link #CONN_INFO_PADDED_BYTES}, so ciphertext length says nothing about content.
 */
public final class AgentLimits {
  /** Agent protocol version carried in every envelope. */
  public static final int AGENT_VERSION = 1;
  /** Ratchet plaintext size of an agent message. UNIT: bytes. */
  public static final int MESSAGE_PADDED_BYTES = 15_600;
  /** Ratchet plaintext size of the connection info in a confirmation. UNIT: bytes. */
  public static final int CONN_INFO_PADDED_BYTES = 15_300;
  /** Longest text message (UTF-8) one agent message carries. UNIT: bytes. */
  public static final int MAX_TEXT_BYTES = 15_000;
  /** Longest profile / connection info text. UNIT: bytes. */
  public static final int MAX_PROFILE_BYTES = 4_096;

  private AgentLimits() {}
}
