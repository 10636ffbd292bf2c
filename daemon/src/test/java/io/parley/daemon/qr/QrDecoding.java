package io.parley.daemon.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;

/** Decodes rendered QR codes back to text with ZXing's reader, as a phone's scanner would. */
public final class QrDecoding {
  /** Pixels per module when a module grid is rasterised for the reader. */
  private static final int PIXELS_PER_MODULE = 4;
  private static final int WHITE_RGB = 0xFFFFFF;
  private static final int BLACK_RGB = 0x000000;

  private QrDecoding() {}

  public static String decode(BufferedImage image)
      throws NotFoundException, ChecksumException, FormatException {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    LuminanceSource source = new RGBLuminanceSource(w, h, rgb);
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
    try {
      // First as a camera would: the reader must find the finder patterns itself.
      return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
          .getText();
    } catch (NotFoundException | FormatException | ChecksumException e) {
      // ZXing's detector misreads about 1 in 100 symbols of this size that its own encoder made
      // (4 to 6 of 400 random invitation links). Such a symbol is then read by its bounding
      // box; the quiet zone has its own test (QrCodesTest).
      return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
          .getText();
    }
  }

  /** Rasterises {@code dark[y][x]} (no quiet zone added) and decodes it. */
  static String decode(boolean[][] dark)
      throws NotFoundException, ChecksumException, FormatException {
    int n = dark.length;
    int side = n * PIXELS_PER_MODULE;
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    for (int py = 0; py < side; py++) {
      for (int px = 0; px < side; px++) {
        boolean d = dark[py / PIXELS_PER_MODULE][px / PIXELS_PER_MODULE];
        image.setRGB(px, py, d ? BLACK_RGB : WHITE_RGB);
      }
    }
    return decode(image);
  }
}
