package io.parley.protocol;

/**
 * Sizes fixed by the wire protocol (docs/protocol.md). Changing any of these is a protocol
 * version change, not a configuration change.
 */
public final class ProtocolLimits {
  /** Every read and write on a relay connection is exactly this many bytes. UNIT: bytes. */
  public static final int BLOCK_BYTES = 16_384;
  /** Random bytes in a recipient id, sender id and message id. UNIT: bytes. */
  public static final int ID_BYTES = 24;
  /** Random bytes in a client command's correlation id. UNIT: bytes. */
  public static final int CORR_ID_BYTES = 24;
  /** Session identifier chosen by the relay per connection. UNIT: bytes. */
  public static final int SESSION_ID_BYTES = 32;
  /** Raw X25519 public key. UNIT: bytes. */
  public static final int X25519_KEY_BYTES = 32;
  /** HMAC-SHA256 queue authenticator. UNIT: bytes. */
  public static final int AUTHENTICATOR_BYTES = 32;
  /** Most transmissions one block may carry (the count is one byte). */
  public static final int MAX_BATCH = 255;
  /**
   * Largest SEND body a relay accepts (ERR LARGE_MSG above). Leaves room in one block for the
   * largest SEND transmission and, on delivery, for MSG framing plus the relay's AEAD tag.
   * UNIT: bytes.
   */
  public static final int MAX_MESSAGE_BYTES = 16_000;
  /**
   * Plaintext of a delivered message is padded to this size before the relay encrypts it, so
   * every MSG has the same size whatever the sender sent: 2-byte length prefix, 8-byte
   * timestamp, 1-byte kind, 1-byte flags, body. UNIT: bytes.
   */
  public static final int DELIVERY_PADDED_BYTES = MAX_MESSAGE_BYTES + 12;

  private ProtocolLimits() {}
}
