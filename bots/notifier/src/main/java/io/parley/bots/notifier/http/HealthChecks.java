package io.parley.bots.notifier.http;

import java.util.Optional;

/** What {@code /v1/health} and {@code /v1/ready} ask the rest of the bot. Thread-safe. */
public interface HealthChecks {
  /** Why the bot's database cannot be used (fixed words), or empty while it works. */
  Optional<String> storeProblem();

  /** Whether the daemon answers and its store works, so an alert can be queued now. */
  boolean daemonReady();
}
