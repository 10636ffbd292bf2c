package io.parley.bots.notifier.config;

/**
 * Bad arguments or environment; the message names the flag or variable and never quotes a
 * value that could be a secret.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
