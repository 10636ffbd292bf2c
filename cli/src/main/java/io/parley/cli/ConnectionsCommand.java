package io.parley.cli;

import io.parley.sdk.model.Connection;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley connections}: every connection, as a table or JSON. */
@Command(name = "connections", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = "List your connections: id, alias, the peer's profile name and status.")
final class ConnectionsCommand implements Parley.Action {
  /** Widest alias or peer name shown in the table; longer ones are cut. UNIT: characters. */
  static final int MAX_CELL_CHARS = 24;

  @Mixin DaemonOptions daemon;

  @Option(names = "--json", description = "print {\"connections\":[...]} as JSON")
  boolean json;

  @Override
  public int run(Parley.Io io, Session session) {
    List<Connection> all = session.client().connections();
    if (json) {
      io.out().println(JsonOut.connections(all));
    } else if (all.isEmpty()) {
      io.out().println("No connections yet: parley invite, or parley join LINK.");
    } else {
      int idWidth = all.stream().mapToInt(c -> c.id().length()).max().orElse(2);
      String format = "%-" + idWidth + "s  %-" + MAX_CELL_CHARS + "s  %-" + MAX_CELL_CHARS
          + "s  %s%n";
      io.out().printf(format, "ID", "ALIAS", "PEER", "STATUS");
      for (Connection c : all) {
        io.out().printf(format, c.id(), cell(c.alias()),
            cell(c.peerProfile() == null ? null : c.peerProfile().name()),
            c.status() == null ? "-" : c.status().name().toLowerCase(Locale.ROOT));
      }
    }
    io.out().flush();
    return Exits.OK;
  }

  private static String cell(String s) {
    if (s == null || s.isEmpty()) {
      return "-";
    }
    String clean = Lines.printable(s);
    return clean.length() <= MAX_CELL_CHARS ? clean
        : clean.substring(0, MAX_CELL_CHARS - 1) + "\u2026";
  }
}
