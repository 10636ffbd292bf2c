package io.parley.bots.notifier.alert;

import java.util.List;
import java.util.Objects;

/**
 * What one POST carries: a group of alerts (one message to each subscriber), as parsed from any
 * source. Immutable.
 *
 * @param source who sent it
 * @param status the group's status; RESOLVED only when every alert in it is resolved
 * @param title a heading chosen by the sender (ntfy title, monitor name), or null to derive one
 *     from the alert names
 * @param groupKey the sender's stable identity for this group (Alertmanager {@code groupKey}, an
 *     Uptime Kuma monitor id), which ties a resolved message to its firing one; null when the
 *     sender has none
 * @param alerts at least one alert
 * @param omittedBySource alerts the sender counted but left out (Alertmanager
 *     {@code truncatedAlerts}); never negative
 * @param sourceUrl a link to the sender itself ({@code externalURL}), or null
 */
public record AlertGroup(Source source, AlertStatus status, String title, String groupKey,
    List<Alert> alerts, int omittedBySource, String sourceUrl) {
  public AlertGroup {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(status, "status");
    alerts = List.copyOf(alerts);
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("a group has at least one alert");
    }
    if (omittedBySource < 0) {
      throw new IllegalArgumentException("omittedBySource < 0");
    }
  }
}
