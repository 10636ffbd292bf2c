package io.parley.launch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option not given on the command line comes from, in this order: the environment
 * variable named after it ({@code --api-port} is {@value #PREFIX}{@code API_PORT}), then the
 * settings file's key for it, then the option's built-in default. picocli asks only about options
 * the command line did not set, so a flag always wins. An empty variable counts as unset. Help
 * and version options come from neither.
 *
 * <p>The settings file is read on the first question, from the path its supplier gives then
 * (typically inside a data directory that is itself an option), so the supplier must not
 * depend on options declared after it. A file that cannot be read is remembered as
 * {@link #failure()} and supplies nothing. Remembers where each value came from, so an error in
 * it can name the variable or the file's key instead of a flag nobody typed.
 *
 * <p>Not thread-safe; one instance per parse.
 */
public final class OptionDefaults implements IDefaultValueProvider {
  /** Prefix of every variable. */
  public static final String PREFIX = "PARLEY_";

  private final Map<String, String> environment;
  private final Supplier<Path> file;
  private final Map<String, String> keyByOption;
  private final Set<String> fileOnlyKeys;
  private final Map<ArgSpec, String> sources = new HashMap<>();
  private final Map<String, String> variableByOption = new HashMap<>();
  private CommandSpec fileScope;
  private Map<String, String> settings;
  private SettingsException failure;

  private OptionDefaults(Map<String, String> environment, Supplier<Path> file,
      Map<String, String> keyByOption, Set<String> fileOnlyKeys) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.file = file;
    this.keyByOption = Map.copyOf(keyByOption);
    this.fileOnlyKeys = Set.copyOf(fileOnlyKeys);
  }

  /** Options from the command line, then {@code environment}, then their defaults. */
  public static OptionDefaults environment(Map<String, String> environment) {
    return new OptionDefaults(environment, null, Map.of(), Set.of());
  }

  /**
   * Options from the command line, then {@code environment}, then the settings {@code file}, then
   * their defaults.
   *
   * @param keyByOption the file's key for each option that may be set there, by long name
   *     ({@code "--api-port" -> "api.port"})
   * @param fileOnlyKeys keys the file may hold that no option reads (the caller reads them with
   *     {@link #setting})
   */
  public static OptionDefaults environmentThenFile(Map<String, String> environment,
      Supplier<Path> file, Map<String, String> keyByOption, Set<String> fileOnlyKeys) {
    return new OptionDefaults(environment, Objects.requireNonNull(file, "file"), keyByOption,
        fileOnlyKeys);
  }

  /** The variable that sets {@code longOption}: {@code --api-port} is {@code PARLEY_API_PORT}. */
  public static String variableFor(String longOption) {
    String bare = longOption.replaceFirst("^-+", "");
    return PREFIX + bare.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String variable = variableOf(option.longestName());
    String value = environment.get(variable);
    if (value != null && !value.isEmpty()) {
      sources.put(arg, variable);
      return value;
    }
    String key = keyByOption.get(option.longestName());
    if (key == null || file == null || (fileScope != null && option.command() != fileScope)) {
      return null;
    }
    value = settings().get(key);
    if (value != null) {
      sources.put(arg, file.get() + ": " + key);
    }
    return value;
  }

  /**
   * Names the variables of some options differently from the rule, e.g. where a tool has
   * documented {@code PARLEY_NOTIFY_DATA} for {@code --data} (so it cannot take the daemon's
   * {@code PARLEY_DATA}).
   *
   * @param variables variable by long option name
   */
  public OptionDefaults variables(Map<String, String> variables) {
    variableByOption.putAll(variables);
    return this;
  }

  /** The variable that sets {@code longOption} for this command. */
  public String variableOf(String longOption) {
    return variableByOption.getOrDefault(longOption, variableFor(longOption));
  }

  /**
   * Reads the settings file only for options of {@code command} (a subcommand whose options
   * the file holds); the others come from the environment alone.
   */
  public OptionDefaults fileOnlyFor(CommandSpec command) {
    fileScope = command;
    return this;
  }

  /** A key of the settings file no option reads, or null if the file does not set it. */
  public String setting(String key) {
    return file == null ? null : settings().get(key);
  }

  /**
   * Why the settings file could not be read (also an unknown key in it), or null. Reads the file
   * if no option needed it, so a bad file is reported even when flags set everything.
   */
  public SettingsException failure() {
    if (file != null) {
      settings();
    }
    return failure;
  }

  /** Where {@code arg}'s value came from ("PARLEY_API_PORT", "FILE: api.port"), or null. */
  String sourceOf(ArgSpec arg) {
    return sources.get(arg);
  }

  private Map<String, String> settings() {
    if (settings == null) {
      Set<String> known = new HashSet<>(keyByOption.values());
      known.addAll(fileOnlyKeys);
      try {
        settings = SettingsFile.read(file.get(), known);
      } catch (SettingsException e) {
        failure = e;
        settings = Map.of();
      }
    }
    return settings;
  }
}
