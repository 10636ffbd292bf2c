package io.parley.bots.notifier.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.Source;
import java.util.Locale;

/**
 * Maps form fields to an alert group: those of a {@code multipart/form-data} or URL-encoded
 * body, or the query parameters of a request without a body. Three shapes, tried in order:
 * <ol>
 *   <li>{@code data}: a JSON payload as a JSON body would carry it (Uptime Kuma's "form-data"
 *       body); a {@code msg} field beside it fills in a missing {@code "msg"};</li>
 *   <li>{@code heartbeat} and {@code monitor} as JSON objects, with {@code msg} (Uptime Kuma's
 *       GET webhook);</li>
 *   <li>{@code msg}, with an optional {@code status} ({@code down}, {@code up}, {@code pending},
 *       {@code maintenance}, or Uptime Kuma's codes 0-3) and an optional {@code monitor} name
 *       (else the request's title), which ties an "up" to its "down" (scripts).</li>
 * </ol>
 * The last two become the same alert as Uptime Kuma's JSON webhook. Stateless.
 */
final class FormParser {
  static final String DATA = "data";
  static final String MSG = "msg";
  static final String STATUS = "status";
  static final String HEARTBEAT = "heartbeat";
  static final String MONITOR = "monitor";

  private FormParser() {}

  /**
   * Whether {@code fields} carry an alert at all: a URL-encoded body without these is read as
   * plain text, since curl and axios label any string body that way.
   */
  static boolean recognises(FormFields fields) {
    return fields.has(DATA) || fields.has(MSG) || fields.has(HEARTBEAT);
  }

  /**
   * @param forced the {@code ?format=} source, which applies to the JSON in {@code data}; without
   *     {@code data} only Uptime Kuma (or none) fits
   * @param title the request's title hint, naming the monitor when {@code monitor} does not
   * @param what "form", "multipart form" or "query", as errors name it
   */
  static AlertGroup parse(FormFields fields, Source forced, String title, String what)
      throws PayloadException {
    String msg = nonBlank(fields.first(MSG));
    String data = fields.first(DATA);
    if (data != null) {
      ObjectNode root = PayloadParser.readObject(data, fieldWhere(what, DATA));
      if (msg != null && !root.has(MSG)) {
        root.put(MSG, msg);
      }
      return PayloadParser.fromObject(root, forced);
    }
    if (forced != null && forced != Source.UPTIME_KUMA) {
      throw new PayloadException("?format=" + forced.formatName() + " reads JSON: send it in "
          + "a '" + DATA + "' field");
    }
    if (!recognises(fields)) {
      throw new PayloadException("the " + what + " has no " + DATA + ", " + MSG + " or "
          + HEARTBEAT + " field");
    }
    ObjectNode heartbeat;
    if (fields.has(HEARTBEAT)) {
      heartbeat = jsonObject(fields.first(HEARTBEAT), fieldWhere(what, HEARTBEAT));
    } else if (msg == null) {
      throw new PayloadException("the " + what + " field '" + MSG + "' is empty");
    } else {
      heartbeat = statusHeartbeat(fields.first(STATUS), what);
    }
    return UptimeKumaParser.parse(heartbeat, monitor(fields.first(MONITOR), title, what), msg);
  }

  /** A heartbeat carrying only the status a script named, or null for a plain notice. */
  private static ObjectNode statusHeartbeat(String status, String what)
      throws PayloadException {
    String s = nonBlank(status);
    if (s == null) {
      return null;
    }
    int code = switch (s.toLowerCase(Locale.ROOT)) {
      case "down", "0" -> UptimeKumaParser.DOWN;
      case "up", "1" -> UptimeKumaParser.UP;
      case "pending", "2" -> UptimeKumaParser.PENDING;
      case "maintenance", "3" -> UptimeKumaParser.MAINTENANCE;
      default -> throw new PayloadException("the " + what + " field '" + STATUS + "' must be "
          + "down, up, pending or maintenance (or 0-3); got " + JsonFields.quote(s));
    };
    return JsonNodeFactory.instance.objectNode().put("status", code);
  }

  /** Uptime Kuma's monitor object, or one made of a script's monitor name (also its id). */
  private static ObjectNode monitor(String value, String title, String what)
      throws PayloadException {
    String v = nonBlank(value);
    if (v != null && v.startsWith("{")) {
      return jsonObject(v, fieldWhere(what, MONITOR));
    }
    String name = v != null ? v : nonBlank(title);
    return name == null ? null
        : JsonNodeFactory.instance.objectNode().put("id", name).put("name", name);
  }

  private static ObjectNode jsonObject(String json, String where) throws PayloadException {
    String j = nonBlank(json);
    return j == null || j.equals("null") ? null : PayloadParser.readObject(j, where);
  }

  private static String fieldWhere(String what, String field) {
    return what + " field '" + field + "': ";
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
