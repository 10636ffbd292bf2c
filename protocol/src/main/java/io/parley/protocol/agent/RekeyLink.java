package io.parley.protocol.agent;

import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.crypto.MlKem;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A one-time re-key link (docs/agent-protocol.md, re-key): fresh X3DH public keys for an
 * established connection, and a secret that binds the peer's answer to this link. Both travel
 * only out of band, so a relay never sees them:
 *
 * <pre>
 * parley:/rekey#/?v=1&amp;c=&lt;handle&gt;&amp;x3dh=&lt;key1&gt;,&lt;key2&gt;&amp;s=&lt;secret&gt;
 *     [&amp;kem=&lt;kemKey&gt;]
 * </pre>
 *
 * <p>{@code kem} is present exactly when the connection's ratchet is post-quantum: the link
 * maker's fresh ML-KEM-768 public key, so the new ratchet is hybrid like the old one.
 *
 * <p>Every value is base64url without padding. {@code c} names the connection on both sides: the
 * first {@value #HANDLE_BYTES} bytes of {@code SHA-256("parley-rekey-handle-v1" ‖ code)}, where
 * {@code code} is the connection's current security code in UTF-8. A link is a secret: never
 * log it ({@code toString} is redacted).
 *
 * @param handle names the connection ({@link #handleOf})
 * @param key1 the link maker's fresh X3DH public key 1
 * @param key2 the link maker's fresh X3DH public key 2
 * @param secret {@value #SECRET_BYTES} random bytes; keys the MAC of the answer
 * @param kemKey the link maker's fresh ML-KEM-768 public key, or null for a classic connection
 */
public record RekeyLink(byte[] handle, byte[] key1, byte[] key2, byte[] secret, byte[] kemKey) {
  /** Link format version. */
  public static final int VERSION = 1;
  /** UNIT: bytes. */
  public static final int HANDLE_BYTES = 16;
  /** UNIT: bytes. */
  public static final int SECRET_BYTES = 32;
  /** UNIT: bytes. */
  public static final int KEY_BYTES = 32;
  private static final String PREFIX = "parley:/rekey#/?";
  private static final byte[] HANDLE_INFO =
      "parley-rekey-handle-v1".getBytes(StandardCharsets.US_ASCII);

  public RekeyLink {
    if (handle.length != HANDLE_BYTES || key1.length != KEY_BYTES || key2.length != KEY_BYTES
        || secret.length != SECRET_BYTES
        || (kemKey != null && kemKey.length != MlKem.PUBLIC_KEY_BYTES)) {
      throw new IllegalArgumentException("re-key link field of the wrong length");
    }
    handle = handle.clone();
    key1 = key1.clone();
    key2 = key2.clone();
    secret = secret.clone();
    kemKey = kemKey == null ? null : kemKey.clone();
  }

  /** A link for a classic (X25519 only) connection. */
  public RekeyLink(byte[] handle, byte[] key1, byte[] key2, byte[] secret) {
    this(handle, key1, key2, secret, null);
  }

  /** The handle of a connection whose current security code is {@code securityCode}. */
  public static byte[] handleOf(String securityCode) {
    byte[] h = Hashes.sha256(HANDLE_INFO, securityCode.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[HANDLE_BYTES];
    System.arraycopy(h, 0, out, 0, HANDLE_BYTES);
    return out;
  }

  public String encode() {
    return PREFIX + "v=" + VERSION + "&c=" + QueueUri.encode(handle) + "&x3dh="
        + QueueUri.encode(key1) + "," + QueueUri.encode(key2) + "&s=" + QueueUri.encode(secret)
        + (kemKey == null ? "" : "&kem=" + QueueUri.encode(kemKey));
  }

  /** Whether {@code link} looks like a re-key link (and not an invitation or address). */
  public static boolean isRekeyLink(String link) {
    return link != null && link.strip().startsWith(PREFIX);
  }

  public static RekeyLink parse(String link) throws AgentFormatException {
    String s = link == null ? "" : link.strip();
    if (s.length() > ConnectionLink.MAX_LINK_CHARS) {
      throw new AgentFormatException(
          "link longer than " + ConnectionLink.MAX_LINK_CHARS + " characters");
    }
    if (!s.startsWith(PREFIX)) {
      throw new AgentFormatException("not a parley:/rekey link");
    }
    Map<String, String> q = QueueUri.query(s.substring(PREFIX.length()));
    if (!String.valueOf(VERSION).equals(q.get("v"))) {
      throw new AgentFormatException("unsupported re-key link version");
    }
    byte[] handle = QueueUri.decode(QueueUri.required(q, "c"), "connection handle");
    String[] keys = QueueUri.required(q, "x3dh").split(",");
    if (keys.length != 2) {
      throw new AgentFormatException("x3dh must hold two keys");
    }
    byte[] k1 = QueueUri.decode(keys[0], "x3dh key");
    byte[] k2 = QueueUri.decode(keys[1], "x3dh key");
    byte[] secret = QueueUri.decode(QueueUri.required(q, "s"), "link secret");
    if (handle.length != HANDLE_BYTES || k1.length != KEY_BYTES || k2.length != KEY_BYTES
        || secret.length != SECRET_BYTES) {
      throw new AgentFormatException("re-key link field of the wrong length");
    }
    byte[] kem = q.containsKey("kem") ? QueueUri.decode(q.get("kem"), "kem key") : null;
    if (kem != null && kem.length != MlKem.PUBLIC_KEY_BYTES) {
      throw new AgentFormatException("re-key link field of the wrong length");
    }
    return new RekeyLink(handle, k1, k2, secret, kem);
  }

  @Override
  public byte[] handle() {
    return handle.clone();
  }

  @Override
  public byte[] key1() {
    return key1.clone();
  }

  @Override
  public byte[] key2() {
    return key2.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public byte[] kemKey() {
    return kemKey == null ? null : kemKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RekeyLink r && java.util.Arrays.equals(handle, r.handle)
        && java.util.Arrays.equals(key1, r.key1) && java.util.Arrays.equals(key2, r.key2)
        && java.util.Arrays.equals(secret, r.secret)
        && java.util.Arrays.equals(kemKey, r.kemKey);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(handle);
  }

  @Override
  public String toString() {
    return "RekeyLink[redacted]";
  }
}
