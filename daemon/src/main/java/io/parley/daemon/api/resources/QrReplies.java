package io.parley.daemon.api.resources;

import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.qr.QrCodes;
import io.parley.daemon.qr.QrException;

/** QR code replies for links: PNG ({@code ?size=} pixels) or SVG. Stateless. */
final class QrReplies {
  /** PNG side when {@code size} is not given. UNIT: pixels. */
  static final int DEFAULT_PNG_SIZE_PX = 512;

  private QrReplies() {}

  static Reply png(Call call, String link) throws ApiException {
    int size = (int) call.queryLong("size", DEFAULT_PNG_SIZE_PX, 1, QrCodes.MAX_PNG_SIZE_PX);
    try {
      return Reply.bytes(200, "image/png", QrCodes.png(link, size));
    } catch (QrException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  static Reply svg(String link) throws ApiException {
    try {
      return Reply.text(200, "image/svg+xml", QrCodes.svg(link));
    } catch (QrException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
