package io.parley.bots.notifier.alert;

import java.util.List;
import java.util.Objects;

/**
 * One alert of a group, reduced to what a chat message shows. Immutable.
 *
 * @param name what fired ({@code alertname}, a monitor name, a title); never blank
 * @param status this alert's own status (a firing group may carry resolved alerts)
 * @param severity a lowercase severity word, or null when the source gives none
 * @param target where it fired (instance, URL, host), or null
 * @param summary one human sentence, or null
 * @param links links to show, in order of usefulness
 * @param fingerprint the source's stable id for this alert, or null
 */
public record Alert(String name, AlertStatus status, String severity, String target,
    String summary, List<Link> links, String fingerprint) {
  public Alert {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    links = List.copyOf(links);
  }
}
