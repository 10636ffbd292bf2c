package io.parley.daemon.cli;

/** Exit statuses of {@code parleyd}, as documented in docs/daemon.md. */
public enum ExitCode {
  /** {@code --help}, or stopped by SIGTERM/SIGINT after the agent and relay drained. */
  OK(0),
  /** Startup failed (data directory, port, relay) or shutdown did not drain in time. */
  FAILURE(1),
  /** Bad command line or settings file; nothing was started. */
  USAGE(2);

  private final int status;

  ExitCode(int status) {
    this.status = status;
  }

  /** The process exit status. */
  public int status() {
    return status;
  }
}
