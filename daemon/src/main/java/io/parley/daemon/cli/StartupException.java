package io.parley.daemon.cli;

/** The daemon could not start: data directory, embedded relay or agent; nothing is left running. */
public final class StartupException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what failed and, where possible, what to do about it; never a secret */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }

  /** @param message what failed and, where possible, what to do about it; never a secret */
  public StartupException(String message) {
    super(message);
  }
}
