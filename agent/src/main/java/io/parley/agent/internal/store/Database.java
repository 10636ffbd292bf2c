package io.parley.agent.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The daemon's SQLite database {@code <data>/parley.db}: the only place keys, contacts and
 * messages are kept. Opening creates the file owner-only (0600), refuses a file from a newer
 * build ({@link DatabaseTooNewException}, the file untouched), checks it and migrates it.
 *
 * <p>Writes go through one writer thread that commits queued {@linkplain #write units} in groups
 * (one fsync per group, {@code synchronous=FULL}); a unit's future completes only after its
 * changes are durable. Reads run on a pool of read-only connections and never wait for the
 * writer. Thread-safe. Close it to drain queued writes.
 */
public final class Database implements AutoCloseable {
  /** File name of the database inside the data directory. */
  public static final String FILE_NAME = "parley.db";
  /** The schema version ({@code PRAGMA user_version}) this build creates and understands. */
  public static final int SCHEMA_VERSION = Migrations.LATEST_VERSION;

  private final Path file;
  private final Connection writeConnection;
  private final GroupCommitWriter writer;
  private final ReadPool readers;
  private final Checkpointer checkpointer;
  private final StoreFaults faults; // null outside tests
  private final int maxQueuedWrites;
  private volatile boolean closed;
  private volatile Consumer<List<EventRow>> eventSink;

  private Database(Path file, Connection writeConnection, StoreConfig config, ReadPool readers,
      Checkpointer checkpointer, StoreFaults faults) {
    this.file = file;
    this.faults = faults;
    this.maxQueuedWrites = config.maxQueuedWrites();
    this.writeConnection = writeConnection;
    this.readers = readers;
    this.checkpointer = checkpointer;
    // Last: the writer thread starts here, and no unit reaches it before open() returns.
    this.writer = new GroupCommitWriter(writeConnection, config, this::committed, faults);
  }

  /** Opens {@code <dataDir>/parley.db} with {@link StoreConfig#defaults()}. */
  public static Database open(Path dataDir) throws StoreException {
    return open(dataDir, StoreConfig.defaults());
  }

  /**
   * Opens (creating if missing) {@code <dataDir>/parley.db} and migrates it to
   * {@link #SCHEMA_VERSION}.
   *
   * @throws DatabaseTooNewException if a newer build wrote the file; it is left untouched
   * @throws DatabaseCorruptException if the file is not a sound SQLite database
   * @throws StoreUnavailableException if the file cannot be created, opened or locked
   */
  public static Database open(Path dataDir, StoreConfig configured) throws StoreException {
    StoreFaults faults = StoreFaults.lookup(dataDir);
    StoreConfig config = faults == null ? configured : faults.apply(configured);
    Path file = dataDir.resolve(FILE_NAME);
    SqliteFiles.createIfMissing(file);
    checkVersion(file);
    SqliteFiles.restrictToOwner(file);
    Connection writeConnection = SqliteFiles.open(file);
    ReadPool readers = null;
    Connection checkpointConnection = null;
    try {
      SqliteFiles.configureWriter(writeConnection, config.busyTimeoutMillis());
      checkIntegrity(writeConnection);
      Migrations.migrate(writeConnection);
      SqliteFiles.exec(writeConnection, OutboxStore.DROP_SETTLED_PAYLOADS);
      readers = ReadPool.open(() -> openReader(file, config), config);
      checkpointConnection = SqliteFiles.open(file);
      SqliteFiles.configureCheckpointer(checkpointConnection, config.busyTimeoutMillis());
      Checkpointer checkpointer = new Checkpointer(checkpointConnection,
          "parley-store-checkpointer");
      return new Database(file, writeConnection, config, readers, checkpointer, faults);
    } catch (StoreException | RuntimeException e) {
      if (readers != null) {
        readers.close();
      }
      SqliteFiles.closeQuietly(checkpointConnection);
      SqliteFiles.closeQuietly(writeConnection);
      throw e;
    }
  }

  /**
   * Queues a write unit. The future completes with the unit's result once the transaction
   * holding it has committed; it fails with the unit's own exception if the unit threw (only
   * that unit is rolled back), or with {@link StoreUnavailableException} if the commit failed,
   * the queue is full or the database is closed (then nothing of the unit is stored).
   * Continuations run on a store completion thread, never on the writer.
   */
  public <T> CompletableFuture<T> write(StoreTransaction<T> work) {
    return writer.submit(work);
  }

  /**
   * Queues a unit built from an in-memory copy guarded by {@code fence}, with the guarantees of
   * {@link #write}, and one more: it fails without running if an earlier unit of the fence's
   * generation failed (see {@link WriteFence}). Call it holding the monitor the copy is changed
   * under, so that the generation captured is the one the unit was built from.
   */
  public <T> CompletableFuture<T> write(WriteFence fence, StoreTransaction<T> work) {
    return writer.submit(fence, work);
  }

  /**
   * Why writes are failing (disk full, I/O error, read-only file, locked), if the last
   * attempts failed; empty once a commit that changed rows succeeded again. The reason names
   * no path, key or value.
   */
  public Optional<String> writeFailure() {
    return writer.failure().map(WriteHealth.Failure::reason);
  }

  /** True once {@link #close} began: nothing will be written or read any more. */
  public boolean closed() {
    return closed;
  }

  /**
   * Queues a unit that works on the writer's connection directly ({@link ConnectionWork}), with
   * the guarantees of {@link #write}. The connection must not be kept beyond the unit.
   */
  public <T> CompletableFuture<T> writeOnConnection(ConnectionWork<T> work) {
    return writer.submit(tx -> work.run(tx.sql().connection()));
  }

  /**
   * Runs a query in one read transaction on a read-only connection, on the calling thread. It
   * sees only committed data: inside a write unit, read through the unit's {@link StoreTx}.
   *
   * @throws StoreUnavailableException if no read connection is free in time or it is closed
   */
  public <T> T read(StoreQuery<T> query) throws StoreException {
    if (faults != null) {
      faults.check(StoreFaults.Step.READ);
    }
    return readers.read(query);
  }

  /**
   * Hands every commit's events to {@code sink}, in sequence order, on the writer thread right
   * after the commit (before the units' futures complete): it must only queue them. One sink;
   * a second call replaces the first.
   */
  public void onCommittedEvents(Consumer<List<EventRow>> sink) {
    this.eventSink = sink;
  }

  private void committed(List<EventRow> events) {
    checkpointer.committed();
    Consumer<List<EventRow>> sink = eventSink;
    if (sink != null && !events.isEmpty()) {
      sink.accept(events);
    }
  }

  /** Write units waiting for the writer now; {@link #write} refuses more past the maximum. */
  public int queuedWrites() {
    return writer.queuedUnits();
  }

  /** Write units that may wait for the writer before {@link #write} refuses more. */
  public int maxQueuedWrites() {
    return maxQueuedWrites;
  }

  /** Transactions the writer has committed so far; each is one fsync of the WAL. */
  public long commits() {
    return writer.commits();
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /**
   * Stops accepting writes, waits for the queued ones to commit and their futures to complete,
   * then closes every connection. Idempotent.
   */
  @Override
  public synchronized void close() {
    closed = true;
    writer.close();
    checkpointer.close();
    readers.close();
    SqliteFiles.closeQuietly(writeConnection);
  }

  /** Reads the version without setting any pragma, so a refused file stays byte-identical. */
  private static void checkVersion(Path file) throws StoreException {
    Connection probe = SqliteFiles.open(file);
    try {
      Migrations.checkNotTooNew(SqliteFiles.userVersion(probe));
    } finally {
      SqliteFiles.closeQuietly(probe);
    }
  }

  /** quick_check: the O(size) structural check, without the slower index cross-checks. */
  private static void checkIntegrity(Connection c) throws StoreException {
    String result = SqliteFiles.queryString(c, "PRAGMA quick_check");
    if (!"ok".equals(result)) {
      throw new DatabaseCorruptException("the database failed its consistency check");
    }
  }

  private static Connection openReader(Path file, StoreConfig config) throws StoreException {
    Connection c = SqliteFiles.open(file);
    try {
      SqliteFiles.configureReader(c, config.busyTimeoutMillis());
      return c;
    } catch (StoreException e) {
      SqliteFiles.closeQuietly(c);
      throw e;
    }
  }
}
