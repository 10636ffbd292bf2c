package io.parley.bots.notifier.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done inside one transaction of {@link NotifierStore}. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection c) throws SQLException;
}
