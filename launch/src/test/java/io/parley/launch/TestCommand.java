package io.parley.launch;

import io.parley.launch.logging.LogOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A small entry point's command, as the real ones declare theirs. */
@Command(name = "tool", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "A tool for tests.")
final class TestCommand {
  @Option(names = "--data", paramLabel = "DIR") Path data;
  @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "7780") int apiPort;
  @Option(names = "--name", paramLabel = "NAME") String name;
  @Option(names = "--relay", paramLabel = "URI", split = "[,\\s]+") List<String> relays;
  @Mixin LogOptions logs;
}
