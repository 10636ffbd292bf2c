package io.parley.agent.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dumps a database's schema as stable text: every object of {@code sqlite_master} with SQL,
 * ordered by type then name, comments stripped, whitespace normalised and table columns one per
 * line. Two databases with the same dump have the same schema. The agent's and the daemon's
 * committed schema files are written by it.
 */
public final class SchemaDump {
  private SchemaDump() {}

  /**
   * {@code heading} (comment lines, each ending in a newline), then {@code PRAGMA user_version}
   * when {@code withVersion}, then every object whose name is not in {@code leaveOut}.
   */
  public static String dump(Connection c, String heading, boolean withVersion,
      Set<String> leaveOut) throws SQLException {
    StringBuilder out = new StringBuilder(heading).append('\n');
    try (Statement s = c.createStatement()) {
      if (withVersion) {
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
          rs.next();
          out.append("PRAGMA user_version = ").append(rs.getInt(1)).append(";\n");
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master"
          + " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
          + " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name")) {
        while (rs.next()) {
          if (leaveOut.contains(rs.getString("name"))) {
            continue;
          }
          String sql = normalise(rs.getString("sql"));
          out.append('\n')
              .append("table".equals(rs.getString("type")) ? formatTable(sql) : sql)
              .append(";\n");
        }
      }
    }
    return out.toString();
  }

  /** The names of every object in the database, for {@link #dump}'s {@code leaveOut}. */
  public static Set<String> names(Connection c) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Strips comments and collapses whitespace outside string literals and quoted names. */
  public static String normalise(String sql) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char ch = sql.charAt(i);
      if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
        char close = ch == '[' ? ']' : ch;
        int end = sql.indexOf(close, i + 1);
        end = end < 0 ? sql.length() : end + 1;
        out.append(sql, i, end);
        i = end;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end;
        space(out);
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
        space(out);
      } else if (Character.isWhitespace(ch)) {
        space(out);
        i++;
      } else {
        if (ch == ')' && endsWith(out, ' ')) {
          out.setLength(out.length() - 1);
        }
        out.append(ch);
        i++;
      }
    }
    return out.toString().trim();
  }

  /** {@code CREATE TABLE t (a, b) STRICT} with each top-level element on its own line. */
  private static String formatTable(String sql) {
    int open = sql.indexOf('(');
    int close = sql.lastIndexOf(')');
    if (open < 0 || close < open) {
      return sql;
    }
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = open + 1;
    for (int i = open + 1; i < close; i++) {
      char ch = sql.charAt(i);
      if (ch == '\'') {
        int end = sql.indexOf('\'', i + 1);
        i = end < 0 ? close : end;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        parts.add(sql.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(sql.substring(start, close).trim());
    return sql.substring(0, open).trim() + " (\n  " + String.join(",\n  ", parts) + "\n)"
        + sql.substring(close + 1);
  }

  private static void space(StringBuilder out) {
    if (out.length() > 0 && !endsWith(out, ' ') && !endsWith(out, '(')) {
      out.append(' ');
    }
  }

  private static boolean endsWith(StringBuilder out, char ch) {
    return out.length() > 0 && out.charAt(out.length() - 1) == ch;
  }
}
