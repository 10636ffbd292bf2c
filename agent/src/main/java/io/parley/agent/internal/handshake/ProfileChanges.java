package io.parley.agent.internal.handshake;

import io.parley.agent.error.AgentException;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.Failures;
import io.parley.agent.internal.runtime.ProfileText;
import io.parley.agent.model.ProfileCommand;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.ProfileRow;
import io.parley.agent.internal.store.StoreException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Creating, changing and deleting profiles. Creation is one unit. Deletion first marks the
 * profile {@code deleting} in one unit (with its pending requests and whatever the host adds),
 * which makes it invisible at once, then deletes its connections and its contact address the
 * way single ones are deleted (their queues on the relays first), and removes the profile's
 * row once nothing refers to it. A deletion cut short (a relay down, the process killed) is
 * finished by the sweep and at the next start. Thread-safe.
 */
public final class ProfileChanges {
  private static final System.Logger LOG = System.getLogger(ProfileChanges.class.getName());

  /** Work of the host program that commits in the same unit as a profile change. */
  @FunctionalInterface
  public interface HostWork {
    void run(String profileId, java.sql.Connection c) throws Exception;
  }

  private final AgentContext ctx;
  private final Deletions deletions;
  private final ContactAddresses contacts;

  public ProfileChanges(AgentContext ctx, Deletions deletions, ContactAddresses contacts) {
    this.ctx = ctx;
    this.deletions = deletions;
    this.contacts = contacts;
  }

  /** Loads every profile into memory (at start, before anything uses them). */
  public void load() throws StoreException {
    for (ProfileRow r : ctx.store().read(tx -> tx.profiles().list())) {
      ctx.profiles().put(r);
    }
  }

  /** Creates a profile and commits {@code host} in the same unit. */
  public CompletableFuture<ProfileRow> create(String name, String description, HostWork host) {
    try {
      checkText(name, description);
    } catch (AgentException e) {
      return CompletableFuture.failedFuture(e);
    }
    ProfileRow row = ProfileRow.create(name, description, ctx.now());
    return ctx.store().write(tx -> {
      tx.profiles().insert(row);
      host.run(row.id(), tx.hostConnection());
      return row;
    }).thenApply(r -> {
      ctx.profiles().put(r);
      return r;
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /** Sets the name and description sent in handshakes from now on. */
  public CompletableFuture<ProfileRow> update(String id, String name, String description) {
    return update(id, name, description, null);
  }

  /**
   * Sets the name, description and (unless {@code commands} is null) the command list sent in
   * handshakes from now on, all in one unit or none. Connections made earlier keep what was
   * sent when they were made.
   */
  public CompletableFuture<ProfileRow> update(String id, String name, String description,
      List<ProfileCommand> commands) {
    try {
      checkText(name, description);
      ProfileRow row = active(id);
      if (commands != null) {
        checkCommands(commands);
      }
      checkFits(new ProfileText(name, description, commands != null ? commands
          : ProfileText.decodeCommands(row.commands())));
    } catch (AgentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return ctx.store().write(tx -> {
      tx.profiles().update(id, name, description);
      if (commands != null) {
        tx.profiles().setCommands(id, ProfileText.encodeCommands(commands));
      }
      return tx.profiles().find(id).orElseThrow();
    }).thenApply(r -> {
      ctx.profiles().put(r);
      return r;
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /**
   * Deletes a profile (not the default one). Completes once it is marked deleted, with
   * {@code host} in the same unit, and a first attempt to delete each of its queues on the
   * relays has finished.
   */
  public CompletableFuture<Void> delete(String id, HostWork host) {
    ProfileRow row;
    try {
      row = active(id);
    } catch (AgentException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (row.isDefault()) {
      return CompletableFuture.failedFuture(new AgentException(
          AgentException.Reason.INVALID_ARGUMENT, "the default profile cannot be deleted"));
    }
    ProfileRow deleting = new ProfileRow(row.id(), row.name(), row.description(),
        row.commands(), true,
        row.createdAt(), ctx.now());
    return ctx.store().write(tx -> {
      if (!tx.profiles().markDeleting(id)) {
        throw new AgentException(AgentException.Reason.UNKNOWN_PROFILE, "no such profile");
      }
      tx.contacts().deleteRequests(id);
      host.run(id, tx.hostConnection());
      return null;
    }).thenCompose(v -> {
      ctx.profiles().put(deleting);
      return finish(id);
    }).exceptionally(e -> {
      throw Failures.wrap(e);
    });
  }

  /** Goes on with every deletion cut short (the sweep, and at start). */
  public void resumeAll() {
    for (ProfileRow r : ctx.profiles().all()) {
      if (r.deleting()) {
        finish(r.id());
      }
    }
  }

  /** One pass over a deleting profile; never fails. */
  private CompletableFuture<Void> finish(String id) {
    List<CompletableFuture<Void>> steps = new ArrayList<>();
    for (ConnectionState s : ctx.connections().all()) {
      if (id.equals(s.row().profileId())) {
        steps.add(deletions.delete(s.id()).exceptionally(e -> null));
      }
    }
    if (contacts.has(id)) {
      steps.add(contacts.delete(id).exceptionally(e -> {
        LOG.log(Level.DEBUG, "a deleted profile's address stays until its relay answers");
        return null;
      }));
    }
    return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
        .thenCompose(v -> ctx.store().write(tx -> tx.profiles().deleteIfEmpty(id)))
        .handle((gone, e) -> {
          if (e == null && gone) {
            ctx.profiles().remove(id);
          }
          return null;
        });
  }

  private ProfileRow active(String id) throws AgentException {
    return ctx.profiles().active(id).orElseThrow(() ->
        new AgentException(AgentException.Reason.UNKNOWN_PROFILE, "no such profile"));
  }

  private static void checkCommands(List<ProfileCommand> commands) throws AgentException {
    if (commands.size() > ProfileText.MAX_COMMANDS) {
      throw new AgentException(AgentException.Reason.INVALID_ARGUMENT, "a profile publishes at"
          + " most " + ProfileText.MAX_COMMANDS + " commands");
    }
    Set<String> names = new HashSet<>();
    for (ProfileCommand c : commands) {
      String problem = ProfileText.problem(c);
      if (problem != null) {
        throw new AgentException(AgentException.Reason.INVALID_ARGUMENT, problem);
      }
      if (!names.add(c.name())) {
        throw new AgentException(AgentException.Reason.INVALID_ARGUMENT,
            "a command name appears twice");
      }
    }
  }

  private static void checkFits(ProfileText text) throws AgentException {
    if (!text.fits()) {
      throw new AgentException(AgentException.Reason.PROFILE_TOO_LARGE, "name, description and"
          + " commands together are more than " + ProfileText.MAX_TEXT_BYTES
          + " bytes of UTF-8");
    }
  }

  private static void checkText(String name, String description) throws AgentException {
    if (name == null || name.isBlank()
        || !ProfileText.acceptable(name, ProfileText.MAX_NAME_CHARS)) {
      throw new AgentException(AgentException.Reason.INVALID_ARGUMENT, "a profile name is 1-"
          + ProfileText.MAX_NAME_CHARS + " characters without control characters");
    }
    if (!ProfileText.acceptable(description, ProfileText.MAX_DESCRIPTION_CHARS)) {
      throw new AgentException(AgentException.Reason.INVALID_ARGUMENT, "a description is at"
          + " most " + ProfileText.MAX_DESCRIPTION_CHARS
          + " characters without control characters");
    }
  }
}
