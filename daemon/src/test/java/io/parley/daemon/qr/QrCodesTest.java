package io.parley.daemon.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.agent.ConnectionLink;
import io.parley.protocol.agent.QueueUri;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.SecureRandoms;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class QrCodesTest {
  private static final String RELAY =
      "smp://dGhpcyBpcyBub3QgYSByZWFsIGtleSBoYXNoIGF0IGFsbA@127.0.0.1:47123";
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
  private static final Pattern SVG_RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
  private static final int TERMINAL_COLUMNS = 80;

  /** A realistic invitation: one queue on a loopback relay, random ids and keys. */
  private static String invitationLink() {
    QueueUri queue = new QueueUri(RELAY, SecureRandoms.bytes(24), SecureRandoms.bytes(32),
        QueueMode.MESSAGING);
    return new ConnectionLink(ConnectionLink.Kind.INVITATION, List.of(queue),
        SecureRandoms.bytes(32), SecureRandoms.bytes(32)).encode();
  }

  @Test
  void aPngOfAnInvitationLinkDecodesBackToTheSameLink() throws Exception {
    String link = invitationLink();
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(link, 400)));
    assertEquals(link, QrDecoding.decode(image));
  }

  @Test
  void aPngHasExactlyTheRequestedSizeWhateverTheModuleCount() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png("hello", 257)));
    assertEquals(257, image.getWidth());
    assertEquals(257, image.getHeight());
    assertEquals("hello", QrDecoding.decode(image));
  }

  @Test
  void nonAsciiTextRoundTripsThroughUtf8() throws Exception {
    String text = "Grüße, 世界 \uD83D\uDC4B";
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(text, 300)));
    assertEquals(text, QrDecoding.decode(image));
  }

  @Test
  void aPngTooSmallForOnePixelPerModuleOrLargerThanTheMaximumIsRefused() {
    QrException small = assertThrows(QrException.class, () -> QrCodes.png("hello", 20));
    assertTrue(small.getMessage().contains("got 20"), small.getMessage());
    assertThrows(QrException.class,
        () -> QrCodes.png("hello", QrCodes.MAX_PNG_SIZE_PX + 1));
  }

  @Test
  void anSvgIsWellFormedXmlWithCrispEdgesAndDecodesBackToTheLink() throws Exception {
    String link = invitationLink();
    String svg = QrCodes.svg(link);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertEquals("svg", root.getTagName());
    assertEquals("crispEdges", root.getAttribute("shape-rendering"));
    int n = Integer.parseInt(root.getAttribute("viewBox").split(" ")[2]);
    Element path = (Element) doc.getElementsByTagName("path").item(0);
    assertNotNull(path);
    assertEquals(link, QrDecoding.decode(svgModules(path.getAttribute("d"), n)));
  }

  @Test
  void anSvgDoesNotContainTheEncodedTextInReadableForm() throws Exception {
    String link = invitationLink();
    String svg = QrCodes.svg(link);
    assertFalse(svg.contains("parley:"), "the link must not appear in the markup");
    assertFalse(svg.contains("smp://"), "the relay URI must not appear in the markup");
  }

  @Test
  void theTerminalRenderingDecodesBackToTheLinkAndFitsEightyColumns() throws Exception {
    String link = invitationLink();
    String[] lines = QrCodes.terminal(link).split("\n");
    boolean[][] modules = terminalModules(lines);
    assertTrue(modules.length <= TERMINAL_COLUMNS, "width " + modules.length);
    assertEquals(link, QrDecoding.decode(modules));
  }

  @Test
  void theTerminalRenderingSetsExplicitColoursOnEveryLineAndResetsThem() throws Exception {
    String[] lines = QrCodes.terminal("hello").split("\n");
    for (String line : lines) {
      assertTrue(line.startsWith("\u001b[38;5;16;48;5;231m"), "colour set at line start");
      assertTrue(line.endsWith("\u001b[0m"), "colour reset at line end");
    }
  }

  @Test
  void everyRenderingHasAQuietZoneOfLightModulesOnEverySide() throws Exception {
    boolean[][] modules = terminalModules(QrCodes.terminal(invitationLink()).split("\n"));
    int n = modules[0].length;
    int q = QrCodes.QUIET_ZONE_MODULES;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < q; k++) {
        assertFalse(modules[k][i] || modules[n - 1 - k][i], "top/bottom border at " + i);
        assertFalse(modules[i][k] || modules[i][n - 1 - k], "left/right border at " + i);
      }
    }
    String svg = QrCodes.svg("hello");
    Matcher runs = SVG_RUN.matcher(svg);
    while (runs.find()) {
      assertTrue(Integer.parseInt(runs.group(1)) >= q && Integer.parseInt(runs.group(2)) >= q);
    }
  }

  @Test
  void textTooLongForAQrCodeGivesATypedErrorForEveryFormat() {
    String tooLong = "x".repeat(3_000);
    assertThrows(QrException.class, () -> QrCodes.png(tooLong, 1_000));
    assertThrows(QrException.class, () -> QrCodes.svg(tooLong));
    assertThrows(QrException.class, () -> QrCodes.terminal(tooLong));
    String huge = "x".repeat(QrCodes.MAX_TEXT_CHARS + 1);
    QrException e = assertThrows(QrException.class, () -> QrCodes.svg(huge));
    assertTrue(e.getMessage().contains(String.valueOf(QrCodes.MAX_TEXT_CHARS)));
  }

  @Test
  void emptyOrMissingTextGivesATypedError() {
    assertThrows(QrException.class, () -> QrCodes.svg(""));
    assertThrows(QrException.class, () -> QrCodes.terminal(null));
  }

  private static boolean[][] svgModules(String d, int n) {
    boolean[][] dark = new boolean[n][n];
    Matcher m = SVG_RUN.matcher(d);
    int consumed = 0;
    while (m.find()) {
      assertEquals(consumed, m.start(), "path data is only runs");
      int x = Integer.parseInt(m.group(1));
      int y = Integer.parseInt(m.group(2));
      int run = Integer.parseInt(m.group(3));
      assertEquals(run, Integer.parseInt(m.group(4)));
      for (int i = 0; i < run; i++) {
        dark[y][x + i] = true;
      }
      consumed = m.end();
    }
    assertEquals(d.length(), consumed, "path data is only runs");
    return dark;
  }

  /** Two module rows per line; trailing odd row dropped so the grid stays square. */
  private static boolean[][] terminalModules(String[] lines) {
    int width = ANSI.matcher(lines[0]).replaceAll("").length();
    boolean[][] dark = new boolean[width][width];
    for (int line = 0; line < lines.length; line++) {
      String visible = ANSI.matcher(lines[line]).replaceAll("");
      assertEquals(width, visible.length(), "every line has the same width");
      for (int x = 0; x < width; x++) {
        char c = visible.charAt(x);
        boolean top = c == '\u2580' || c == '\u2588';
        boolean bottom = c == '\u2584' || c == '\u2588';
        assertTrue(c == ' ' || top || bottom, "unexpected character " + (int) c);
        dark[2 * line][x] = top;
        if (2 * line + 1 < width) {
          dark[2 * line + 1][x] = bottom;
        } else {
          assertFalse(bottom, "padding row below the code is light");
        }
      }
    }
    return dark;
  }
}
