package io.parley.daemon.qr;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Renders text (an invitation or contact link) as a QR code: PNG, SVG or Unicode half blocks for
 * a terminal. Error correction is level M (15% of a code may be damaged): links are long, so a
 * higher level would make the code denser and harder to scan from a screen, and screens do not
 * get scratched. Every rendering keeps a {@value #QUIET_ZONE_MODULES}-module light border.
 *
 * <p>The rendered code carries the text itself, so it is as secret as the text: never log it.
 * Stateless and thread-safe.
 */
public final class QrCodes {
  /** Error correction level used for every code. */
  public static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;
  /** Light border on every side, as ISO/IEC 18004 requires. UNIT: modules. */
  public static final int QUIET_ZONE_MODULES = 4;
  /** Longest text accepted; links are shorter than this (see ConnectionLink). UNIT: chars. */
  public static final int MAX_TEXT_CHARS = 4_096;
  /** Largest PNG rendered, which bounds the memory one request can take. UNIT: pixels. */
  public static final int MAX_PNG_SIZE_PX = 4_096;

  /** 256-colour black foreground on 256-colour white background: no theme remaps these. */
  private static final String ANSI_BLACK_ON_WHITE = "\u001b[38;5;16;48;5;231m";
  private static final String ANSI_RESET = "\u001b[0m";
  private static final char UPPER_HALF = '\u2580';
  private static final char LOWER_HALF = '\u2584';
  private static final char FULL_BLOCK = '\u2588';
  private static final int BLACK = 0;
  private static final int WHITE = 1;

  private QrCodes() {}

  /**
   * A square PNG of {@code sizePx} pixels. Each module is a whole number of pixels so edges stay
   * sharp; the remainder is added to the light border.
   *
   * @throws QrException if the text does not fit in a QR code, or {@code sizePx} is larger than
   *     {@link #MAX_PNG_SIZE_PX} or smaller than one pixel per module
   */
  public static byte[] png(String text, int sizePx) throws QrException {
    QrMatrix m = QrMatrix.encode(text, ERROR_CORRECTION, QUIET_ZONE_MODULES);
    if (sizePx < m.size() || sizePx > MAX_PNG_SIZE_PX) {
      throw new QrException("size must be from " + m.size() + " to " + MAX_PNG_SIZE_PX
          + " pixels for this text, got " + sizePx);
    }
    int scale = sizePx / m.size();
    int offset = (sizePx - scale * m.size()) / 2;
    BufferedImage image = new BufferedImage(sizePx, sizePx, BufferedImage.TYPE_BYTE_BINARY);
    WritableRaster raster = image.getRaster();
    for (int py = 0; py < sizePx; py++) {
      int y = Math.floorDiv(py - offset, scale);
      for (int px = 0; px < sizePx; px++) {
        int x = Math.floorDiv(px - offset, scale);
        raster.setSample(px, py, 0, m.dark(x, y) ? BLACK : WHITE);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      // Writing to memory cannot fail for I/O reasons; this would be a broken JDK.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A standalone SVG document sized by its {@code viewBox} (one unit per module): a white square
   * and one path of dark rectangles, one per horizontal run, drawn with
   * {@code shape-rendering="crispEdges"} so scaling never blurs module edges. Contains no text
   * element, so the encoded text is not readable from the markup.
   *
   * @throws QrException if the text does not fit in a QR code
   */
  public static String svg(String text) throws QrException {
    QrMatrix m = QrMatrix.encode(text, ERROR_CORRECTION, QUIET_ZONE_MODULES);
    int n = m.size();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < n; y++) {
      int x = 0;
      while (x < n) {
        if (!m.dark(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < n && m.dark(x, y)) {
          x++;
        }
        int run = x - start;
        path.append('M').append(start).append(' ').append(y)
            .append('h').append(run).append("v1h-").append(run).append('z');
      }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + n + " " + n
        + "\" shape-rendering=\"crispEdges\">\n"
        + "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#ffffff\"/>\n"
        + "<path fill=\"#000000\" d=\"" + path + "\"/>\n"
        + "</svg>\n";
  }

  /**
   * Lines of Unicode half blocks, two module rows per line, so a typical invitation link (QR
   * version 13, 69 modules) fits an 80-column terminal with its quiet zone. Each line sets an
   * explicit black-on-white colour and resets it at its end, so the code reads the same on dark
   * and light terminal themes. Lines end with {@code \n}.
   *
   * @throws QrException if the text does not fit in a QR code
   */
  public static String terminal(String text) throws QrException {
    QrMatrix m = QrMatrix.encode(text, ERROR_CORRECTION, QUIET_ZONE_MODULES);
    int n = m.size();
    StringBuilder out = new StringBuilder((n + 16) * (n / 2 + 1));
    for (int y = 0; y < n; y += 2) {
      out.append(ANSI_BLACK_ON_WHITE);
      for (int x = 0; x < n; x++) {
        boolean top = m.dark(x, y);
        boolean bottom = m.dark(x, y + 1);
        out.append(top ? (bottom ? FULL_BLOCK : UPPER_HALF) : (bottom ? LOWER_HALF : ' '));
      }
      out.append(ANSI_RESET).append('\n');
    }
    return out.toString();
  }
}
