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
import java.util.Locale;

/**
 * Reads ntfy-style publish JSON: {@code message} and/or {@code title} (one is required),
 * {@code priority} (1-5 or min/low/default/high/urgent/max), {@code click}, {@code attach} and
 * view {@code actions} as links. {@code topic} is ignored (the URL names the topic) and
 * {@code tags}, {@code icon}, {@code delay}, {@code markdown} are accepted and not shown.
 * Stateless.
 */
final class NtfyParser {
  /** Most view actions shown as links. */
  static final int MAX_ACTION_LINKS = 3;
  private static final String WHERE = "ntfy-style JSON";

  private NtfyParser() {}

  static AlertGroup parse(ObjectNode root) throws PayloadException {
    String message = JsonFields.text(root, "message");
    String title = JsonFields.text(root, "title");
    if (message == null && title == null) {
      throw new PayloadException(WHERE + ": needs 'message' or 'title'");
    }
    List<Link> links = new ArrayList<>();
    JsonFields.addLink(links, "open", JsonFields.text(root, "click"));
    JsonFields.addLink(links, "attachment", JsonFields.text(root, "attach"));
    JsonNode actions = root.get("actions");
    if (actions != null && actions.isArray()) {
      for (JsonNode a : actions) {
        if (links.size() >= MAX_ACTION_LINKS + 2) {
          break;
        }
        String label = JsonFields.text(a, "label");
        JsonFields.addLink(links, label == null ? "link" : label.toLowerCase(Locale.ROOT),
            JsonFields.text(a, "url"));
      }
    }
    String severity = priority(root);
    Alert alert = new Alert(title == null ? "notification" : title, AlertStatus.NOTICE,
        severity, null, message, links, null);
    return new AlertGroup(Source.NTFY, AlertStatus.NOTICE, title, null, List.of(alert), 0,
        null);
  }

  /** ntfy priority as a severity word; the default priority (3) shows none. */
  static String priority(JsonNode root) throws PayloadException {
    JsonNode p = root.get("priority");
    if (p == null || p.isNull()) {
      return null;
    }
    return priorityWord(p.asText());
  }

  /** Maps "1"-"5" or a priority word; throws for anything else. */
  static String priorityWord(String raw) throws PayloadException {
    String s = raw.trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "1", "min" -> "min";
      case "2", "low" -> "low";
      case "3", "default" -> null;
      case "4", "high" -> "high";
      case "5", "urgent", "max" -> "urgent";
      default -> throw new PayloadException("priority must be 1-5 or one of min, low, default, "
          + "high, urgent; got " + JsonFields.quote(raw));
    };
  }
}
