package io.parley.daemon.api.bench;

/** A benchmark step failed or timed out; the message says which. */
final class BenchFailure extends Exception {
  BenchFailure(String message) {
    super(message);
  }
}
