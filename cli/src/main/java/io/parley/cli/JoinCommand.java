package io.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley join LINK}: joins an invitation or a contact address. */
@Command(name = "join", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = "Join an invitation or contact address link; prints the new connection's id."
        + " The connection is established when the other side confirms (see parley watch).")
final class JoinCommand implements Parley.Action {
  @Mixin DaemonOptions daemon;

  @Parameters(index = "0", paramLabel = "LINK",
      description = "the link, or - to read it from standard input (keeps it out of the"
          + " shell's history)")
  String link;

  @Option(names = "--alias", paramLabel = "NAME", description = "your name for the peer")
  String alias;

  @Option(names = "--json", description = "print {\"connectionId\"} as JSON")
  boolean json;

  @Override
  public int run(Parley.Io io, Session session) throws IOException {
    String l = link;
    if ("-".equals(l)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(io.in(),
          StandardCharsets.UTF_8));
      String line = r.readLine();
      if (line == null || line.isBlank()) {
        throw new CliFailure(Exits.USAGE, "no link on standard input");
      }
      l = line.strip();
    }
    String id = session.client().join(l, alias);
    io.out().println(json ? JsonOut.object("connectionId", id) : id);
    io.out().flush();
    return Exits.OK;
  }
}
