package io.parley.relay.store;

import java.nio.file.Path;

/**
 * A store file is damaged somewhere other than its torn tail, so replaying past the damage
 * would silently lose or reorder state. The relay refuses to start; an operator must restore
 * or inspect the file.
 */
public final class StoreCorruptedException extends StoreException {
  private final Path file;
  private final long offset;

  public StoreCorruptedException(Path file, long offset, String problem) {
    super(file + " is corrupt at offset " + offset + ": " + problem);
    this.file = file;
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  /** Byte offset of the first damaged record. UNIT: bytes from the start of the file. */
  public long offset() {
    return offset;
  }
}
