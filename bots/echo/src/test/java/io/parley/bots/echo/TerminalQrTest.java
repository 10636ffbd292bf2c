package io.parley.bots.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal rendering is a real QR code: read back from the text, it decodes to the link. */
class TerminalQrTest {
  /** Pixels per module when the text is turned back into an image for the reader. */
  private static final int SCALE = 4;

  @Test
  void theRenderedCodeDecodesBackToTheLink() throws Exception {
    String link = "parley:/contact#/?v=1&smp=smp%3A%2F%2Fabc%40127.0.0.1%3A5223%2Fq&e2e="
        + "x".repeat(120);
    String qr = TerminalQr.render(link);
    List<String> lines = qr.lines().toList();
    int width = lines.get(0).length();
    assertTrue(lines.stream().allMatch(l -> l.length() == width), "a rectangle");

    int w = width * SCALE;
    int h = lines.size() * 2 * SCALE;
    int[] pixels = new int[w * h];
    for (int row = 0; row < lines.size(); row++) {
      for (int col = 0; col < width; col++) {
        char c = lines.get(row).charAt(col);
        // Drawn halves are light modules (the code is inverted for dark terminals).
        boolean topLight = c == '\u2588' || c == '\u2580';
        boolean bottomLight = c == '\u2588' || c == '\u2584';
        fill(pixels, w, col, row * 2, topLight);
        fill(pixels, w, col, row * 2 + 1, bottomLight);
      }
    }
    String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(w, h, pixels)))).getText();
    assertEquals(link, decoded);
  }

  private static void fill(int[] pixels, int w, int moduleX, int moduleY, boolean light) {
    int rgb = light ? 0xFFFFFF : 0x000000;
    for (int dy = 0; dy < SCALE; dy++) {
      for (int dx = 0; dx < SCALE; dx++) {
        pixels[(moduleY * SCALE + dy) * w + moduleX * SCALE + dx] = rgb;
      }
    }
  }
}
