package io.parley.launch;

/** A settings file cannot be read or names an unknown key; the message names the file. */
public final class SettingsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message names the file and what is wrong, never a value that could be secret */
  public SettingsException(String message) {
    super(message);
  }

  /** @param cause the underlying failure, e.g. an unreadable file */
  public SettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
