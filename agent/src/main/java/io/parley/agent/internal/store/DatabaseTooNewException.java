package io.parley.agent.internal.store;

/**
 * The database was written by a newer build: its schema version is above the newest migration
 * this build knows. The file is left untouched so that the newer build can still open it.
 */
public final class DatabaseTooNewException extends StoreException {
  private final int foundVersion;
  private final int supportedVersion;

  public DatabaseTooNewException(int foundVersion, int supportedVersion) {
    super("database schema version " + foundVersion + " is newer than this build supports ("
        + supportedVersion + "); run a newer parley daemon or restore a backup");
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }

  /** The {@code user_version} found in the file. */
  public int foundVersion() {
    return foundVersion;
  }

  /** The newest schema version this build can migrate to. */
  public int supportedVersion() {
    return supportedVersion;
  }
}
