package io.parley.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.error.BadRequestException;
import io.parley.sdk.error.ConflictException;
import io.parley.sdk.error.DaemonUnreachableException;
import io.parley.sdk.error.ForbiddenException;
import io.parley.sdk.error.NotFoundException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.error.PayloadTooLargeException;
import io.parley.sdk.error.UnauthorizedException;
import io.parley.sdk.model.ApiToken;
import io.parley.sdk.model.ContactAddress;
import io.parley.sdk.model.EventQuery;
import io.parley.sdk.model.Invitation;
import io.parley.sdk.model.TokenScope;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.testkit.LeakCheck;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's refusals arrive as the typed exception of their status, with the API's code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class TypedExceptionsTest {
  DaemonFixture fx;
  TestDaemon daemon;
  ParleyClient client;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new DaemonFixture(dir);
    daemon = fx.daemon("solo");
    client = daemon.client();
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  private ParleyClient withToken(String token) {
    return ParleyClient.create(ParleyConfig.builder(Map.of()).api(daemon.apiUrl())
        .token(token).build());
  }

  @Test
  void aWrongTokenIsUnauthorized() {
    UnauthorizedException e = assertThrows(UnauthorizedException.class,
        () -> withToken("wrong-token").connections());
    assertEquals(401, e.status());
    assertEquals("unauthorized", e.code());
    assertFalse(e.isRetryable());
  }

  @Test
  void anUnknownConnectionIsNotFound() {
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> client.connection("no-such-connection"));
    assertEquals(404, e.status());
    assertEquals("not_found", e.code());
  }

  @Test
  void sendingOnAPendingInvitationIsAConflictNamedNotEstablished() {
    Invitation inv = client.createInvitation();
    ConflictException e = assertThrows(ConflictException.class,
        () -> client.send(inv.connectionId(), "too early"));
    assertEquals(409, e.status());
    assertEquals(ConflictException.NOT_ESTABLISHED, e.code());
  }

  @Test
  void puttingTheAddressAgainWithOtherSettingsUpdatesItAndKeepsItsLink() {
    ContactAddress first = client.putAddress(false, null);
    try {
      ContactAddress second = client.putAddress(true, "welcome");
      assertEquals(first.link(), second.link());
      assertEquals(true, second.autoAccept());
      assertEquals("welcome", second.welcome());
    } finally {
      client.deleteAddress();
    }
  }

  @Test
  void aMalformedLinkIsABadRequestNamedBadLink() {
    BadRequestException e = assertThrows(BadRequestException.class,
        () -> client.join("parley:/invitation#/?v=1&garbage"));
    assertEquals(400, e.status());
    assertEquals("bad_link", e.code());
  }

  @Test
  void aSendTokenMayListConnectionsButReadingEventsIsForbidden() {
    ApiToken send = client.tokens().create(TokenScope.SEND, "alerts");
    try {
      ParleyClient sender = withToken(send.token());
      assertEquals(client.connections().size(), sender.connections().size(),
          "a send token may list connections");
      ForbiddenException e = assertThrows(ForbiddenException.class,
          () -> sender.events(EventQuery.latest()));
      assertEquals(403, e.status());
    } finally {
      client.tokens().delete(send.id());
    }
    assertThrows(NotFoundException.class, () -> client.tokens().delete(send.id()));
  }

  @Test
  void aTextOverTheLimitIsTooLarge() throws Exception {
    Invitation inv = client.createInvitation();
    PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class,
        () -> client.send(inv.connectionId(), "x".repeat(200_000)));
    assertEquals(413, e.status());
  }

  @Test
  void aDaemonThatIsNotListeningIsUnreachableAndRetryable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ParleyClient nobody = ParleyClient.create(ParleyConfig.builder(Map.of())
        .api("http://127.0.0.1:" + port).token("t").build());
    DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class,
        nobody::connections);
    assertEquals(ParleyException.NO_STATUS, e.status());
    assertTrue(e.isRetryable());
    assertFalse(nobody.isHealthy());
  }
}
