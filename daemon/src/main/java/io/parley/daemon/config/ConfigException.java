package io.parley.daemon.config;

/** A setting is missing, malformed or out of range; the message names the setting. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message names the setting and what is wrong with it, never a secret value */
  public ConfigException(String message) {
    super(message);
  }

  /** @param cause the underlying failure, e.g. an unreadable file */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
