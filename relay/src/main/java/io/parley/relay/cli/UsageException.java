package io.parley.relay.cli;

/** The command line is wrong; the relay prints this message and the usage and exits 2. */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message);
  }
}
