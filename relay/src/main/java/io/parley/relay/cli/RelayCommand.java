package io.parley.relay.cli;

import io.parley.launch.VersionProvider;
import picocli.CommandLine.Command;

/** {@code parley-relay}: the top command, which only holds {@code init} and {@code start}. */
@Command(name = "parley-relay", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, usageHelpWidth = 100,
    subcommands = {InitCommand.class, StartCommand.class},
    description = "A Parley relay: holds queues and forwards ciphertext between agents.",
    footer = {"", "Run 'parley-relay init --help' or 'parley-relay start --help' for their"
        + " options.",
        "Exit status: 0 success (start: stopped by a signal after a graceful shutdown),"
            + " 1 failure, 2 bad arguments, environment or configuration."})
public final class RelayCommand {}
