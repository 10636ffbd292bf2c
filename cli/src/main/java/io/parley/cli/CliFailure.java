package io.parley.cli;

/**
 * A failure the client itself detects (an unknown or ambiguous connection name, a missing
 * token file): one line to print and the exit status to take.
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  CliFailure(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
