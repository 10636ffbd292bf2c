package io.parley.bench.common;

/** A benchmark step failed or missed its deadline; the run's figures would be meaningless. */
public final class BenchException extends Exception {
  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
