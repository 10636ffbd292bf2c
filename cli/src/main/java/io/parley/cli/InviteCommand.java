package io.parley.cli;

import com.google.zxing.WriterException;
import io.parley.sdk.model.Invitation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley invite}: a one-time invitation link, and its QR code for a phone. */
@Command(name = "invite", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = "Create a one-time invitation: prints the link to give to one person, and"
        + " its QR code.")
final class InviteCommand implements Parley.Action {
  @Mixin DaemonOptions daemon;

  @Option(names = "--alias", paramLabel = "NAME",
      description = "your name for whoever joins")
  String alias;

  @Option(names = "--no-qr", description = "print the link only")
  boolean noQr;

  @Option(names = "--json", description = "print {\"connectionId\",\"link\"} as JSON")
  boolean json;

  @Override
  public int run(Parley.Io io, Session session) {
    Invitation inv = session.client().createInvitation(alias);
    if (json) {
      io.out().println(JsonOut.object("connectionId", inv.connectionId(), "link", inv.link()));
      return Exits.OK;
    }
    io.out().println("Give this link to one person (it works once); connection "
        + inv.connectionId() + ":");
    io.out().println();
    io.out().println(inv.link());
    if (!noQr) {
      io.out().println();
      try {
        io.out().print(TerminalQr.render(inv.link()));
      } catch (WriterException e) {
        io.out().println("(the link is too long for a terminal QR code)");
      }
    }
    io.out().flush();
    return Exits.OK;
  }
}
