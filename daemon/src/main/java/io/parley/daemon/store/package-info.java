/**
 * The daemon's SQLite store: {@link io.parley.daemon.store.Database} (file, migrations, group
 * commit writer, read pool) and the typed repositories a write unit or query uses through
 * {@link io.parley.daemon.store.StoreTx}. The schema is documented table by table in
 * {@code migrations/V0001__init.sql}; {@code daemon/schema.sql} is its committed dump.
 */
package io.parley.daemon.store;
