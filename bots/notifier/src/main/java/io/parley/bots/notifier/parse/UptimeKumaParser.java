package io.parley.bots.notifier.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.bots.notifier.alert.Alert;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.AlertStatus;
import io.parley.bots.notifier.alert.Link;
import io.parley.bots.notifier.alert.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Uptime Kuma's webhook notification: {@code {"heartbeat":{...}|null,
 * "monitor":{...}|null, "msg":"..."}} (the form and query variants reach it through
 * {@link FormParser}). A heartbeat with status 0 (down) fires, 1 (up) resolves,
 * 2 (pending) and 3 (maintenance) are notices. Without a heartbeat (Uptime Kuma's "test"
 * button sends none) the {@code msg} is a notice. The monitor id is the group key, so an "up"
 * names the "down" it resolves. Stateless.
 */
final class UptimeKumaParser {
  /** Uptime Kuma heartbeat status codes. */
  static final int DOWN = 0;
  static final int UP = 1;
  static final int PENDING = 2;
  static final int MAINTENANCE = 3;
  private static final String WHERE = "Uptime Kuma payload";

  private UptimeKumaParser() {}

  static AlertGroup parse(ObjectNode root) throws PayloadException {
    return parse(JsonFields.optionalObject(root, "heartbeat", WHERE),
        JsonFields.optionalObject(root, "monitor", WHERE), JsonFields.text(root, "msg"));
  }

  /**
   * The group for one notification's three parts, however they arrived (a JSON body, a form,
   * query parameters).
   *
   * @param heartbeat the heartbeat object, or null (a test notification)
   * @param monitor the monitor object, or null
   * @param msg the notification text, trimmed and non-empty, or null
   */
  static AlertGroup parse(ObjectNode heartbeat, ObjectNode monitor, String msg)
      throws PayloadException {
    if (heartbeat == null && msg == null) {
      throw new PayloadException(WHERE + ": needs 'msg' or a 'heartbeat' object");
    }
    AlertStatus status = AlertStatus.NOTICE;
    String state = null;
    if (heartbeat != null) {
      JsonNode code = heartbeat.get("status");
      if (code == null || !code.isIntegralNumber() || code.intValue() < DOWN
          || code.intValue() > MAINTENANCE) {
        throw new PayloadException(WHERE + ": 'heartbeat.status' must be 0 (down), 1 (up), "
            + "2 (pending) or 3 (maintenance)");
      }
      switch (code.intValue()) {
        case DOWN -> status = AlertStatus.FIRING;
        case UP -> status = AlertStatus.RESOLVED;
        case PENDING -> state = "pending";
        default -> state = "maintenance";
      }
    }
    String monitorId = JsonFields.text(monitor, "id");
    if (monitorId == null) {
      monitorId = JsonFields.text(heartbeat, "monitorID");
    }
    String name = JsonFields.text(monitor, "name");
    if (name == null) {
      name = monitorId == null ? "Uptime Kuma" : "monitor " + monitorId;
    }
    String url = JsonFields.text(monitor, "url");
    String target = JsonFields.isWebUrl(url) ? url : hostAndPort(monitor);
    String summary = JsonFields.text(heartbeat, "msg");
    if (summary == null) {
      summary = msg;
    }
    List<Link> links = new ArrayList<>();
    JsonFields.addLink(links, "monitor", url);
    String key = monitorId == null ? null : "uptime-kuma/monitor/" + monitorId;
    Alert alert = new Alert(name, status, state, target, summary, links, key);
    return new AlertGroup(Source.UPTIME_KUMA, status, name, key, List.of(alert), 0, null);
  }

  private static String hostAndPort(JsonNode monitor) {
    String host = JsonFields.text(monitor, "hostname");
    String port = JsonFields.text(monitor, "port");
    if (host == null) {
      return null;
    }
    return port == null ? host : host + ":" + port;
  }
}
