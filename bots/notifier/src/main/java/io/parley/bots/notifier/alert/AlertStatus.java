package io.parley.bots.notifier.alert;

/** Whether an alert (or a whole group) is firing, resolved, or just a notice with no state. */
public enum AlertStatus {
  /** The condition holds now. */
  FIRING,
  /** The condition held and no longer does. */
  RESOLVED,
  /** A notification without firing/resolved semantics (plain text, ntfy JSON, test pings). */
  NOTICE
}
