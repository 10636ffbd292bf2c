package io.parley.sdk.model;

/**
 * A new one-time invitation: its pending connection and the secret link to hand to one peer.
 * Immutable; {@link #toString()} leaves the link out, since whoever holds it can connect.
 *
 * @param connectionId the pending connection the invitation belongs to
 * @param link the invitation link; give it to exactly one peer over a channel you trust
 * @param qrPng API path of the link as a PNG QR code
 * @param qrSvg API path of the link as an SVG QR code
 */
public record Invitation(String connectionId, String link, String qrPng, String qrSvg) {
  @Override
  public String toString() {
    return "Invitation[connectionId=" + connectionId + "]";
  }
}
