package io.parley.relay;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@link Relay#start} found another relay, in this process or another, running on the same
 * data directory; two would corrupt its journal, so this one does not start. The message names
 * the directory and is meant for the operator as it is.
 */
public final class RelayDirectoryInUseException extends IOException {
  private final Path directory;

  public RelayDirectoryInUseException(Path directory, Throwable cause) {
    super("another relay is already running on the data directory " + directory
        + "; stop it first or use another directory", cause);
    this.directory = directory;
  }

  /** The relay data directory that is in use. */
  public Path directory() {
    return directory;
  }
}
