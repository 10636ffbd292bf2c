package io.parley.relay.config;

/** relay.properties (or a command-line override) holds a key or value the relay cannot use. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
