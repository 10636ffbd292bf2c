package io.parley.protocol.ratchet;

import io.parley.protocol.crypto.Aead;

/** One message's AES-256-GCM key and nonce, both from the chain KDF. Secret; never logged. */
record MessageKey(byte[] key, byte[] nonce) {
  /** Stored size of one key: key then nonce. UNIT: bytes. */
  static final int ENCODED_BYTES = Aead.KEY_BYTES + Aead.NONCE_BYTES;

  @Override
  public String toString() {
    return "MessageKey[redacted]";
  }
}
