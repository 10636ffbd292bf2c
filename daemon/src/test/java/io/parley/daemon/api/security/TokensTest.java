package io.parley.daemon.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.SharedStores;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.TokenScope;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
  @Test
  void theRootAndScopedTokensAuthenticateAndRevocationIsImmediate(@TempDir Path dir)
      throws Exception {
    try (Database db = Database.open(dir);
        ApiStore store = ApiStore.open(SharedStores.extend(db, ApiStore.SCHEMA),
            Clock.systemUTC(), ApiStore.DEFAULT_BUSY_TIMEOUT_MILLIS)) {
      String root = TokenFile.newToken();
      Tokens tokens = Tokens.load(root, store);
      assertEquals(Principal.ROOT, tokens.authenticate(root).orElseThrow());
      Tokens.Created send = tokens.create("default", TokenScope.SEND, "alerts");
      Principal p = tokens.authenticate(send.token()).orElseThrow();
      assertEquals(TokenScope.SEND, p.scope());
      assertEquals(send.row().id(), p.tokenId());
      assertFalse(send.toString().contains(send.token()));

      assertTrue(tokens.authenticate(root + "x").isEmpty());
      assertTrue(tokens.authenticate("").isEmpty());
      assertTrue(tokens.authenticate("a".repeat(Tokens.MAX_TOKEN_CHARS + 1)).isEmpty());

      Tokens reloaded = Tokens.load(root, store);
      assertTrue(reloaded.authenticate(send.token()).isPresent(), "kept across restarts");
      assertTrue(tokens.delete(send.row().id(), "default"));
      assertTrue(tokens.authenticate(send.token()).isEmpty());
      assertFalse(tokens.delete(send.row().id(), "default"));
    }
  }
}
