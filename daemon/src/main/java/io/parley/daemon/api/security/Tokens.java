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
        found = new Principal(row.scope(), row.id());
      }
    }
    return Optional.ofNullable(found);
  }

  /** Creates a scoped token; the returned token is not stored anywhere. */
  public Created create(TokenScope scope, String nameOrNull) throws StoreException {
    String token = TokenFile.newToken();
    TokenRow row = store.write(tx -> tx.tokens().insert(store.newId(), nameOrNull, scope,
        hash(token)));
    reload();
    return new Created(row, token);
  }

  /** Every scoped token (without secrets), oldest first. */
  public List<TokenRow> list() {
    return scoped;
  }

  /** Revokes a scoped token at once; false if there was none with that id. */
  public boolean delete(String id) throws StoreException {
    boolean deleted = store.write(tx -> tx.tokens().delete(id));
    reload();
    return deleted;
  }

  private synchronized void reload() throws StoreException {
    scoped = store.read(tx -> tx.tokens().list());
  }

  private static byte[] hash(String token) {
    return Hashes.sha256(token.getBytes(StandardCharsets.UTF_8));
  }
}
