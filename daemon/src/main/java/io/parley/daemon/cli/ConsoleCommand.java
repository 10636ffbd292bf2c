package io.parley.daemon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code parleyd console}: asks the running daemon for a one-time sign-in link to its web
 * console and prints it (docs/console.md). It finds the daemon as {@code parleyd} would start
 * it (data directory, API port and address from the command line, environment and settings
 * file) and authenticates with the data directory's owner token. Not thread-safe.
 */
@Command(name = "console", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = "Prints a one-time link that signs this browser in to the running daemon's"
        + " web console (owner rights; usable once, within 2 minutes).",
    footer = {"", "Exit status: 0 printed; 1 the daemon did not answer or refused;"
        + " 2 bad arguments."})
final class ConsoleCommand {
  @ParentCommand DaemonCommand parent;

  @Option(names = "--data", paramLabel = "DIR", converter = Converters.DirectoryPath.class,
      description = "the daemon's data directory (default: as parleyd)")
  Path data;
}
