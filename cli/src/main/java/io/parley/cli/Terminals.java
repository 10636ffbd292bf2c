package io.parley.cli;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Opens the terminal {@code parley chat} talks to: the real one, or one a test built. */
@FunctionalInterface
interface Terminals {
  /** The process's terminal (a dumb one when standard input is not a terminal). */
  Terminals SYSTEM = () -> TerminalBuilder.builder().name("parley").system(true).build();

  Terminal open() throws IOException;
}
