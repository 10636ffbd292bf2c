package io.parley.relay.cli;

import io.parley.launch.OptionDefaults;
import io.parley.launch.VersionProvider;
import io.parley.launch.logging.LogOptions;
import io.parley.relay.config.ConfigException;
import io.parley.relay.config.ConfigFile;
import io.parley.relay.config.ConfigKey;
import io.parley.relay.config.RelayConfig;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code parley-relay start}: runs the relay in a directory. Besides {@code --dir} and the log
 * options, every key of relay.properties is an option named after it ({@code max.connections}
 * is {@code --max-connections}; {@code bind.address} is {@code --bind}), added by
 * {@link #addConfigOptions} so a new {@link ConfigKey} needs no change here. Not thread-safe.
 */
@Command(name = "start", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = {"Runs the relay in DIR until SIGTERM, printing its address once listening.",
        "Each setting comes from the command line, else the environment, else"
            + " DIR/relay.properties (its key is named in each option), else the default."})
public final class StartCommand {
  @Option(names = "--dir", paramLabel = "DIR", required = true,
      description = "data directory made by init")
  Path dir;

  @Mixin LogOptions logs;

  /** The option that sets {@code key}: its name, dots as dashes; {@code --bind} for the address. */
  public static String optionFor(ConfigKey key) {
    return key == ConfigKey.BIND_ADDRESS ? "--bind" : "--" + key.key().replace('.', '-');
  }

  /** Adds an option for every {@link ConfigKey} to {@code start}'s spec. */
  static void addConfigOptions(CommandLine start) {
    CommandSpec spec = start.getCommandSpec();
    for (ConfigKey key : ConfigKey.values()) {
      spec.addOption(OptionSpec.builder(optionFor(key))
          .paramLabel(key.key().substring(key.key().lastIndexOf('.') + 1).toUpperCase(
              java.util.Locale.ROOT))
          .type(String.class)
          .converters((CommandLine.ITypeConverter<String>) value -> check(key, value))
          .description(key.description() + " (relay.properties: " + key.key() + ", default "
              + key.defaultValue() + ")")
          .build());
    }
  }

  private static String check(ConfigKey key, String value) {
    try {
      key.check(value.strip());
      return value.strip();
    } catch (ConfigException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** Where options come from after the command line: environment, then DIR/relay.properties. */
  static OptionDefaults defaults(StartCommand command, Map<String, String> environment) {
    Map<String, String> keys = new HashMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      keys.put(optionFor(key), key.key());
    }
    keys.put("--log-format", ConfigFile.LOG_FORMAT);
    keys.put("--log-level", ConfigFile.LOG_LEVEL);
    return OptionDefaults.environmentThenFile(environment,
        () -> command.dataDir(environment).resolve(ConfigFile.FILE_NAME), keys,
        java.util.Set.of());
  }

  /** {@code --dir}, else {@code PARLEY_DIR}, else the working directory (start then fails). */
  private Path dataDir(Map<String, String> environment) {
    if (dir != null) {
      return dir;
    }
    String variable = environment.get(OptionDefaults.variableFor("--dir"));
    try {
      return Path.of(variable == null ? "" : variable);
    } catch (java.nio.file.InvalidPathException e) {
      return Path.of("");
    }
  }

  /** The relay's configuration from the parsed options of {@code start}. */
  static RelayConfig config(CommandLine start) throws ConfigException {
    StartCommand command = start.getCommand();
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      String value = start.getCommandSpec().findOption(optionFor(key)).getValue();
      if (value != null) {
        values.put(key, value);
      }
    }
    return ConfigFile.build(command.dir, values);
  }

  /** The log options. */
  public LogOptions logs() {
    return logs;
  }
}
