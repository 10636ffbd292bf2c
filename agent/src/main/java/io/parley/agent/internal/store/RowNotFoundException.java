package io.parley.agent.internal.store;

/** A row named by id does not exist (the API answers 404). The message names the table only. */
public final class RowNotFoundException extends StoreException {
  private final String table;

  public RowNotFoundException(String table) {
    super("no such row in " + table);
    this.table = table;
  }

  /** The table that was searched. */
  public String table() {
    return table;
  }
}
