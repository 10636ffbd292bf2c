package io.parley.bench.api;

/** A benchmark step failed or timed out; the message says which. */
final class BenchFailure extends Exception {
  BenchFailure(String message) {
    super(message);
  }
}
