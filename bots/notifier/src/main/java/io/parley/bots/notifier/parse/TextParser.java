package io.parley.bots.notifier.parse;

import io.parley.bots.notifier.alert.Alert;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.AlertStatus;
import io.parley.bots.notifier.alert.Source;
import java.util.List;

/**
 * A plain text body becomes a notice as it is (the {@code curl -d "disk full"} habit), with an
 * optional title and an ntfy-style priority. Stateless.
 */
final class TextParser {
  private TextParser() {}

  static AlertGroup parse(String text, String title, String priority)
      throws PayloadException {
    String body = text.strip();
    if (body.isEmpty()) {
      throw new PayloadException("the body is empty");
    }
    String heading = title == null || title.isBlank() ? null : title.strip();
    String severity = priority == null || priority.isBlank()
        ? null : NtfyParser.priorityWord(priority);
    Alert alert = new Alert(heading == null ? "message" : heading, AlertStatus.NOTICE, severity,
        null, body, List.of(), null);
    return new AlertGroup(Source.TEXT, AlertStatus.NOTICE, heading, null, List.of(alert), 0,
        null);
  }
}
