package io.parley.daemon.api.security;

import io.parley.agent.store.StoreException;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.TokenRow;
import io.parley.daemon.store.api.TokenScope;
import io.parley.protocol.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The tokens the API accepts: the root token of {@code api.token} (admin) and the scoped tokens
 * created through the API, whose hashes are cached here. A presented token is hashed once and
 * compared with every known hash in constant time, without stopping at a match, so timing says
 * nothing about which (or whether any) token is close. Thread-safe.
 */
public final class Tokens implements Authenticator {
  /** Longest token considered; longer ones are refused unhashed. UNIT: characters. */
  public static final int MAX_TOKEN_CHARS = 256;
  /** Longest token name. UNIT: characters. */
  public static final int MAX_NAME_CHARS = 100;

  private final byte[] rootHash;
  private final ApiStore store;
  private volatile List<TokenRow> scoped;

  private Tokens(byte[] rootHash, ApiStore store, List<TokenRow> scoped) {
    this.rootHash = rootHash;
    this.store = store;
    this.scoped = scoped;
  }

  /** Loads the scoped tokens; {@code rootToken} is the content of {@code api.token}. */
  public static Tokens load(String rootToken, ApiStore store) throws StoreException {
    return new Tokens(hash(rootToken), store, store.read(tx -> tx.tokens().list()));
  }

  /** A token just created: its stored row and the token itself, shown once. */
  public record Created(TokenRow row, String token) {
    @Override
    public String toString() {
      return "Created[" + row + "]";
    }
  }

  @Override
  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    byte[] h = hash(token);
    Principal found = null;
    if (Hashes.constantTimeEquals(h, rootHash)) {
      found = Principal.ROOT;
    }
    for (TokenRow row : scoped) {
      if (Hashes.constantTimeEquals(h, row.tokenHash()) && found == null) {
        found = new Principal(row.scope(), row.id(), row.profileId());
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Creates a scoped token of a profile; the returned token is not stored anywhere.
   */
  public Created create(String profileId, TokenScope scope, String nameOrNull)
      throws StoreException {
    Pending p = prepare(profileId, scope, nameOrNull);
    store.write(p.work());
    reload();
    return p.created();
  }

  /**
   * A token not stored yet: {@link Pending#work()} stores it, in whatever unit runs it (the
   * agent's unit that creates its profile); call {@link #reload()} once that unit committed.
   */
  public record Pending(Created created, ApiStore.Work<TokenRow> work) {}

  public Pending prepare(String profileId, TokenScope scope, String nameOrNull) {
    String token = TokenFile.newToken();
    String id = store.newId();
    byte[] h = hash(token);
    TokenRow row = new TokenRow(id, nameOrNull, scope, h, store.now(), profileId);
    return new Pending(new Created(row, token),
        tx -> tx.tokens().insert(id, profileId, nameOrNull, scope, h));
  }

  /** A profile's scoped tokens (without secrets), oldest first. */
  public List<TokenRow> list(String profileId) {
    return scoped.stream().filter(t -> t.profileId().equals(profileId)).toList();
  }

  /** Revokes a token of the profile at once; false if the profile has none with that id. */
  public boolean delete(String id, String profileId) throws StoreException {
    boolean deleted = store.write(tx -> tx.tokens().delete(id, profileId));
    reload();
    return deleted;
  }

  /** Reads the tokens again after a unit that changed them committed. */
  public synchronized void reload() throws StoreException {
    scoped = store.read(tx -> tx.tokens().list());
  }

  private static byte[] hash(String token) {
    return Hashes.sha256(token.getBytes(StandardCharsets.UTF_8));
  }
}
