package io.parley.launch;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a settings file (UTF-8, {@link Properties} syntax) of known keys. A missing file is an
 * empty one; an unknown key is an error, so a misspelt setting is never silently ignored. Values
 * are stripped of surrounding blanks. Stateless; thread-safe.
 */
public final class SettingsFile {
  /** Largest file read, so a wrong path cannot fill memory. UNIT: bytes. */
  public static final long MAX_FILE_BYTES = 64 * 1024;

  private SettingsFile() {}

  /**
   * The settings in {@code file}, key to stripped value, in key order.
   *
   * @throws SettingsException if the file is too large, not UTF-8, malformed, or holds a key not
   *     in {@code knownKeys}
   */
  public static Map<String, String> read(Path file, Set<String> knownKeys)
      throws SettingsException {
    Properties props = new Properties();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new SettingsException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      }
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (CharacterCodingException e) {
      throw new SettingsException(file + " is not valid UTF-8", e);
    } catch (IOException | IllegalArgumentException e) {
      // Properties.load throws IllegalArgumentException on a malformed \\uXXXX escape.
      throw new SettingsException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
    unknown.removeAll(knownKeys);
    if (!unknown.isEmpty()) {
      throw new SettingsException(file + ": unknown setting(s) " + unknown + "; known: "
          + new TreeSet<>(knownKeys));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : new TreeSet<>(props.stringPropertyNames())) {
      out.put(key, props.getProperty(key).strip());
    }
    return out;
  }
}
