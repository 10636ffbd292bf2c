package io.parley.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * Renders a link as a QR code in a terminal: two module rows per text line with Unicode half
 * blocks. Light modules are drawn and dark ones left blank, which reads correctly on the usual
 * dark terminal background (as {@code qrencode -t UTF8} does). Stateless.
 */
final class TerminalQr {
  /** Quiet zone around the code. UNIT: modules. */
  static final int MARGIN_MODULES = 2;

  private TerminalQr() {}

  /**
   * The QR code of {@code text} as lines of text.
   *
   * @throws WriterException if the text is too long for a QR code
   */
  static String render(String text) throws WriterException {
    BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
        EncodeHintType.MARGIN, MARGIN_MODULES,
        EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L,
        EncodeHintType.CHARACTER_SET, "UTF-8"));
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y += 2) {
      for (int x = 0; x < m.getWidth(); x++) {
        boolean topLight = !m.get(x, y);
        boolean bottomLight = y + 1 >= m.getHeight() || !m.get(x, y + 1);
        sb.append(topLight ? (bottomLight ? '\u2588' : '\u2580')
            : (bottomLight ? '\u2584' : ' '));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
