package io.parley.bench.common;

/** A benchmark's command line does not parse; the message names the flag and what is wrong. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
