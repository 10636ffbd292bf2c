package io.parley.bots.notifier.alert;

import java.util.Locale;
import java.util.Optional;

/** The kinds of sender the receiver understands, with the names {@code ?format=} accepts. */
public enum Source {
  /** Prometheus Alertmanager webhook, payload version 4. */
  ALERTMANAGER("alertmanager", "Alertmanager"),
  /** Grafana unified alerting webhook contact point. */
  GRAFANA("grafana", "Grafana"),
  /** Uptime Kuma webhook notification (JSON, form-data, URL-encoded or query parameters). */
  UPTIME_KUMA("uptime-kuma", "Uptime Kuma"),
  /** ntfy-style publish JSON ({@code message}, {@code title}, {@code tags}, ...). */
  NTFY("ntfy", "ntfy JSON"),
  /** A plain text body, sent as it is. */
  TEXT("text", "text");

  private final String formatName;
  private final String displayName;

  Source(String formatName, String displayName) {
    this.formatName = formatName;
    this.displayName = displayName;
  }

  /** The name used in {@code ?format=} and in responses. */
  public String formatName() {
    return formatName;
  }

  /** The name shown to people. */
  public String displayName() {
    return displayName;
  }

  /** The source named by a {@code ?format=} value; {@code json} is accepted for ntfy. */
  public static Optional<Source> byFormatName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("json")) {
      return Optional.of(NTFY);
    }
    for (Source s : values()) {
      if (s.formatName.equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
