package io.parley.cli;

import io.parley.sdk.model.Event;
import io.parley.sdk.model.EventTypes;
import io.parley.sdk.model.Message;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How events and messages read as terminal lines. What a peer sent is untrusted: control
 * characters (escape sequences could rewrite the screen) are shown as {@code ?}. Stateless.
 */
final class Lines {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  private Lines() {}

  /** {@code s} with every control character but a line break replaced. */
  static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> sb.appendCodePoint(
        cp == '\n' || !Character.isISOControl(cp) ? cp : '?'));
    return sb.toString();
  }

  static String clock(Instant t) {
    return t == null ? "--:--:--" : CLOCK.format(t);
  }

  /** An event as {@code time type connection detail}. */
  static String event(Event e, String connectionLabel) {
    StringBuilder sb = new StringBuilder();
    sb.append(clock(e.time())).append(' ').append(e.type());
    if (e.connectionId() != null) {
      sb.append(' ').append(connectionLabel);
    }
    String detail = switch (e.type()) {
      case EventTypes.MESSAGE_RECEIVED -> e.text();
      case EventTypes.MESSAGE_STATUS -> join(e.string("messageId"), e.string("status"));
      case EventTypes.MESSAGE_ERROR, EventTypes.CONNECTION_ERROR -> e.string("reason");
      default -> null;
    };
    if (detail != null) {
      sb.append(": ").append(printable(detail));
    }
    return sb.toString();
  }

  /** A chat line: {@code time who: text}. */
  static String chat(Instant time, String who, String text) {
    return clock(time) + " " + printable(who) + ": " + printable(text);
  }

  /** A message of the history as a chat line. */
  static String chat(Message m, String peer) {
    return chat(m.time(), m.isIncoming() ? peer : "me", m.text());
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + " " + b;
  }
}
