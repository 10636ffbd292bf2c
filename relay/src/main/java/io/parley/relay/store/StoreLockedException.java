package io.parley.relay.store;

import java.nio.file.Path;

/**
 * Another store, in this process or another, has the directory open: two writers would
 * interleave their records and corrupt the journal, so the second open is refused. Nothing in
 * the directory was touched.
 */
public final class StoreLockedException extends StoreException {
  private final Path directory;

  public StoreLockedException(Path directory) {
    super("another relay is using the store directory " + directory);
    this.directory = directory;
  }

  /** The store directory that is in use. */
  public Path directory() {
    return directory;
  }
}
