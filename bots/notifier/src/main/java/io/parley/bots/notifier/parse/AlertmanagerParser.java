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
 * Reads the Prometheus Alertmanager webhook (payload version "4") and Grafana's unified alerting
 * webhook, which is the same shape with extra fields ({@code orgId}, {@code title},
 * {@code dashboardURL}, {@code panelURL}, {@code silenceURL}, {@code values}). Required:
 * {@code status} ("firing" or "resolved") and a non-empty {@code alerts} array of objects, each
 * with a {@code labels} object. Stateless.
 */
final class AlertmanagerParser {
  /** The Alertmanager webhook payload version this parser reads. */
  static final String ALERTMANAGER_VERSION = "4";
  /** The version Grafana's webhook contact point sends. */
  static final String GRAFANA_VERSION = "1";

  private AlertmanagerParser() {}

  static AlertGroup parse(ObjectNode root, Source source) throws PayloadException {
    String where = source.displayName() + " payload";
    String version = JsonFields.text(root, "version");
    if (source == Source.ALERTMANAGER && version != null
        && !version.equals(ALERTMANAGER_VERSION)) {
      throw new PayloadException(where + ": version " + JsonFields.quote(version)
          + " is not supported (Alertmanager sends \"" + ALERTMANAGER_VERSION + "\")");
    }
    AlertStatus groupStatus = status(root, where, "status");
    JsonNode alertsNode = root.get("alerts");
    if (alertsNode == null || !alertsNode.isArray()) {
      throw new PayloadException(where + ": 'alerts' must be an array");
    }
    if (alertsNode.isEmpty()) {
      throw new PayloadException(where + ": 'alerts' is empty");
    }
    List<Alert> alerts = new ArrayList<>(alertsNode.size());
    for (int i = 0; i < alertsNode.size(); i++) {
      alerts.add(alert(alertsNode.get(i), where + ": alerts[" + i + "]", groupStatus));
    }
    boolean allResolved = alerts.stream().allMatch(a -> a.status() == AlertStatus.RESOLVED);
    return new AlertGroup(source, allResolved ? AlertStatus.RESOLVED : AlertStatus.FIRING,
        null, JsonFields.text(root, "groupKey"), alerts, truncated(root, where),
        webUrl(JsonFields.text(root, "externalURL")));
  }

  private static Alert alert(JsonNode node, String where, AlertStatus groupStatus)
      throws PayloadException {
    if (!node.isObject()) {
      throw new PayloadException(where + " must be an object");
    }
    ObjectNode labels = JsonFields.optionalObject(node, "labels", where);
    if (labels == null) {
      throw new PayloadException(where + ": 'labels' must be an object");
    }
    ObjectNode annotations = JsonFields.optionalObject(node, "annotations", where);
    AlertStatus status = node.has("status") ? status(node, where, "status") : groupStatus;
    String name = JsonFields.firstText(labels, "alertname", "rulename");
    String severity = JsonFields.lowerText(labels, "severity");
    if (severity == null) {
      severity = JsonFields.lowerText(labels, "priority");
    }
    String target = JsonFields.firstText(labels, "instance", "host", "service", "job");
    String summary = JsonFields.firstText(annotations, "summary", "description", "message");
    if (summary == null) {
      summary = JsonFields.text(node, "valueString");
    }
    List<Link> links = new ArrayList<>();
    JsonFields.addLink(links, "runbook", JsonFields.text(annotations, "runbook_url"));
    JsonFields.addLink(links, "dashboard", JsonFields.text(node, "dashboardURL"));
    JsonFields.addLink(links, "dashboard", JsonFields.text(annotations, "dashboard_url"));
    JsonFields.addLink(links, "panel", JsonFields.text(node, "panelURL"));
    JsonFields.addLink(links, "source", JsonFields.text(node, "generatorURL"));
    JsonFields.addLink(links, "silence", JsonFields.text(node, "silenceURL"));
    return new Alert(name == null ? "alert" : name, status, severity, target, summary, links,
        JsonFields.text(node, "fingerprint"));
  }

  private static AlertStatus status(JsonNode node, String where, String field)
      throws PayloadException {
    JsonNode n = node.get(field);
    String s = n != null && n.isTextual() ? n.asText() : null;
    if ("firing".equals(s)) {
      return AlertStatus.FIRING;
    }
    if ("resolved".equals(s)) {
      return AlertStatus.RESOLVED;
    }
    throw new PayloadException(where + ": '" + field + "' must be \"firing\" or \"resolved\"");
  }

  private static int truncated(ObjectNode root, String where) throws PayloadException {
    JsonNode n = root.get("truncatedAlerts");
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0) {
      throw new PayloadException(where + ": 'truncatedAlerts' must be a whole number >= 0");
    }
    return n.intValue();
  }

  private static String webUrl(String url) {
    return JsonFields.isWebUrl(url) ? url : null;
  }
}
