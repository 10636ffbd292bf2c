package io.parley.daemon.api.webhooks;

import io.parley.protocol.crypto.Hashes;
import java.util.HexFormat;

/**
 * The signature header of a delivery: {@code X-Parley-Signature: sha256=<hex>}, the
 * HMAC-SHA256 of the exact body bytes under the webhook's secret. A receiver recomputes it over
 * the raw body and compares in constant time; the body carries the event's seq and time, so a
 * replayed delivery is recognisable. Stateless.
 */
public final class WebhookSigner {
  /** Header carrying the signature. */
  public static final String HEADER = "X-Parley-Signature";
  /** Prefix of the header value, naming the algorithm. */
  public static final String PREFIX = "sha256=";

  private WebhookSigner() {}

  /** The header value for {@code body} under {@code secret}. */
  public static String sign(byte[] secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(Hashes.hmacSha256(secret, body));
  }
}
