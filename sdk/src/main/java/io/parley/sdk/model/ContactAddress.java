package io.parley.sdk.model;

import java.time.Instant;

/**
 * This daemon's long-term contact address: a public link anyone can use to ask for a
 * connection. Immutable; {@link #toString()} leaves the link and welcome text out.
 *
 * @param link the address link to publish
 * @param autoAccept whether requests are accepted without review
 * @param welcome the message sent on each connection made through the address, or null
 * @param qrPng API path of the link as a PNG QR code
 * @param qrSvg API path of the link as an SVG QR code
 */
public record ContactAddress(
    String link, boolean autoAccept, String welcome, Instant createdAt, String qrPng,
    String qrSvg) {
  @Override
  public String toString() {
    return "ContactAddress[autoAccept=" + autoAccept + ", createdAt=" + createdAt + "]";
  }
}
