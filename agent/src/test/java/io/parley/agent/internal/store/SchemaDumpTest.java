package io.parley.agent.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations and the committed {@code agent/schema.sql} agree. After changing a migration,
 * rerun with {@code -Dparley.schema.update=true} to rewrite the file, and review its diff.
 */
class SchemaDumpTest {
  private static final String UPDATE_PROPERTY = "parley.schema.update";

  @TempDir Path dir;

  @Test
  void migratingAnEmptyDatabaseGivesTheCommittedSchema() throws Exception {
    String actual;
    try (Database db = Database.open(dir)) {
      actual = db.write(tx -> SchemaDump.dump(tx.sql().connection())).get();
    }
    Path committed = Path.of(System.getProperty("basedir", ".")).resolve("schema.sql");
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.writeString(committed, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(committed)) {
      fail(committed.toAbsolutePath() + " is missing; create it with: " + SchemaDump.REGENERATE);
    }
    String expected = Files.readString(committed, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail("schema.sql differs from the schema the migrations create"
          + " (- committed, + migrations):\n" + LineDiff.diff(expected, actual)
          + "If the migration change is intended, regenerate the file with:\n  "
          + SchemaDump.REGENERATE);
    }
  }

  @Test
  void everyMigrationFileIsNamedForItsVersionAndExists() throws Exception {
    for (int i = 0; i < Migrations.FILES.size(); i++) {
      String name = Migrations.FILES.get(i);
      String prefix = String.format("V%04d__", i + 1);
      assertTrue(name.startsWith(prefix) && name.endsWith(".sql"),
          name + " must be named " + prefix + "<description>.sql");
      assertTrue(Migrations.load(name).contains("CREATE"), name);
    }
    assertEquals(Migrations.FILES.size(), Database.SCHEMA_VERSION);
  }

  @Test
  void normalisingStripsCommentsAndWhitespaceButKeepsLiterals() {
    String sql = "CREATE TABLE t (\n  -- why\n  a TEXT CHECK (a IN ('x  y', '--')), /* c */\n"
        + "  b INTEGER\n) STRICT";
    String normal = SchemaDump.normalise(sql);
    assertEquals("CREATE TABLE t (a TEXT CHECK (a IN ('x  y', '--')), b INTEGER) STRICT",
        normal);
  }

  @Test
  void theDiffShowsOnlyChangedLinesWithContext() {
    String diff = LineDiff.diff("a\nb\nc\nd\ne\nf\ng", "a\nb\nc\nD\ne\nf\ng");
    assertTrue(Pattern.compile("^- d$", Pattern.MULTILINE).matcher(diff).find(), diff);
    assertTrue(Pattern.compile("^\\+ D$", Pattern.MULTILINE).matcher(diff).find(), diff);
    assertTrue(!diff.contains("  a\n"), diff);
  }
}
