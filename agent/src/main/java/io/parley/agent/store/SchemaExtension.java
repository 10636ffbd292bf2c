package io.parley.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tables a host program keeps in the agent's database file: a name and its migrations, SQL
 * scripts applied in order. The extension's version is the number of its migrations applied,
 * recorded by name in the file; released scripts never change, a new one is appended. The
 * agent never reads or writes an extension's tables.
 *
 * @param name lower-case letters, digits and underscores; unique among a file's extensions
 * @param migrations the scripts, oldest first; the n-th brings the extension to version n
 */
public record SchemaExtension(String name, List<Migration> migrations) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** One script. {@code name} is for messages (for example its file name). */
  public record Migration(String name, String sql) {}

  public SchemaExtension {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("an extension name is 1-64 of [a-z0-9_], "
          + "starting with a letter");
    }
    if (migrations.isEmpty()) {
      throw new IllegalArgumentException("an extension has at least one migration");
    }
    migrations = List.copyOf(migrations);
  }

  /** The extension's version once every migration is applied. */
  public int latestVersion() {
    return migrations.size();
  }

  /**
   * Loads the scripts from class-path resources next to {@code anchor}, in the order given.
   *
   * @throws IllegalStateException if one is missing: a packaging bug, not a runtime condition
   */
  public static SchemaExtension fromResources(String name, Class<?> anchor,
      List<String> resources) {
    List<Migration> out = new ArrayList<>();
    for (String resource : resources) {
      try (InputStream in = anchor.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("migration resource missing: " + resource);
        }
        out.add(new Migration(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read migration " + resource, e);
      }
    }
    return new SchemaExtension(name, out);
  }
}
