package io.parley.daemon.cli;

/** The command line is wrong: an unknown flag, a missing or malformed value. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, phrased for the person who typed the command */
  public UsageException(String message) {
    super(message);
  }
}
