package io.parley.daemon.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The modules of one QR code surrounded by its quiet zone: a square grid where {@code true} is a
 * dark module. Immutable.
 */
final class QrMatrix {
  private final boolean[][] dark;

  private QrMatrix(boolean[][] dark) {
    this.dark = dark;
  }

  /**
   * Encodes {@code text} at {@code level}, adding {@code quietZone} light modules on each side.
   * Pure ASCII text is encoded without an ECI header (older scanners mishandle it); anything else
   * is encoded as UTF-8 with one.
   */
  static QrMatrix encode(String text, ErrorCorrectionLevel level, int quietZone)
      throws QrException {
    if (text == null || text.isEmpty()) {
      throw new QrException("nothing to encode: the text is empty");
    }
    if (text.length() > QrCodes.MAX_TEXT_CHARS) {
      throw new QrException("text is longer than " + QrCodes.MAX_TEXT_CHARS + " characters");
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    ByteMatrix modules;
    try {
      modules = Encoder.encode(text, level, hints).getMatrix();
    } catch (WriterException e) {
      throw new QrException("text does not fit in a QR code at error correction level " + level);
    }
    int size = modules.getWidth() + 2 * quietZone;
    boolean[][] grid = new boolean[size][size];
    for (int y = 0; y < modules.getHeight(); y++) {
      for (int x = 0; x < modules.getWidth(); x++) {
        grid[y + quietZone][x + quietZone] = modules.get(x, y) == 1;
      }
    }
    return new QrMatrix(grid);
  }

  /** Modules per side, quiet zone included. */
  int size() {
    return dark.length;
  }

  /** Whether the module in column {@code x}, row {@code y} is dark; outside the grid is light. */
  boolean dark(int x, int y) {
    return y >= 0 && y < dark.length && x >= 0 && x < dark.length && dark[y][x];
  }
}
