package io.parley.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /v1/info} tells about the daemon. Immutable.
 *
 * @param version the daemon's version
 * @param apiVersion the API version in the paths ({@code 1} for {@code /v1})
 * @param profile the caller's profile, which the counts below are about
 * @param connections how many connections the profile has
 * @param contactAddress whether the profile has a contact address
 */
public record DaemonInfo(
    String version,
    int apiVersion,
    EventLog events,
    String profile,
    int connections,
    boolean contactAddress,
    List<Relay> relays) {

  /** Copies the relay list; a missing one is empty. */
  public DaemonInfo {
    relays = relays == null ? List.of() : List.copyOf(relays);
  }

  /**
   * The event log's extent.
   *
   * @param latestSeq the newest event
   * @param oldestSeq the oldest event retention kept
   * @param retentionSeconds how long events are kept. UNIT: seconds
   */
  public record EventLog(long latestSeq, long oldestSeq, long retentionSeconds) {}

  /** A relay's last known state. */
  public record Relay(String address, boolean up, Instant since) {}
}
