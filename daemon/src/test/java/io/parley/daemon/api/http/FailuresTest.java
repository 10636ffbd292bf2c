package io.parley.daemon.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.error.AgentException;
import io.parley.agent.error.AgentException.Reason;
import io.parley.agent.error.UncheckedAgentException;
import io.parley.agent.store.StoreException;
import io.parley.agent.store.StoreUnavailableException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void everyAgentReasonMapsToOneStatusAndCode() {
    Map<Reason, Integer> expected = Map.ofEntries(
        Map.entry(Reason.UNKNOWN_CONNECTION, 404), Map.entry(Reason.UNKNOWN_REQUEST, 404),
        Map.entry(Reason.UNKNOWN_PROFILE, 404),
        Map.entry(Reason.NO_ADDRESS, 404), Map.entry(Reason.UNKNOWN_RELAY, 404),
        Map.entry(Reason.RELAY_IN_USE, 409), Map.entry(Reason.ADDRESS_ON_RELAY, 409),
        Map.entry(Reason.NOT_ESTABLISHED, 409),
        Map.entry(Reason.ROTATION_IN_PROGRESS, 409),
        Map.entry(Reason.LINK_ALREADY_USED, 409), Map.entry(Reason.ADDRESS_EXISTS, 409),
        Map.entry(Reason.TEXT_TOO_LONG, 413), Map.entry(Reason.BAD_LINK, 400),
        Map.entry(Reason.INVALID_ARGUMENT, 400), Map.entry(Reason.RELAY_IDENTITY, 502),
        Map.entry(Reason.RELAY_UNAVAILABLE, 503), Map.entry(Reason.STORE_UNAVAILABLE, 503),
        Map.entry(Reason.CLOSED, 503), Map.entry(Reason.INTERNAL, 500),
        Map.entry(Reason.IDEMPOTENCY_CONFLICT, 422), Map.entry(Reason.PROFILE_TOO_LARGE, 422));
    for (Reason r : Reason.values()) {
      ApiException e = Failures.toApi(new CompletionException(new AgentException(r, "x")));
      assertEquals(expected.get(r), e.status(), r.name());
    }
    assertEquals("store_unavailable", Failures.toApi(
        new AgentException(Reason.STORE_UNAVAILABLE, "x")).code());
    assertEquals("idempotency_key_reused", Failures.toApi(
        new AgentException(Reason.IDEMPOTENCY_CONFLICT, "x")).code());
    assertEquals("profile_too_large", Failures.toApi(
        new AgentException(Reason.PROFILE_TOO_LARGE, "x")).code());
  }

  @Test
  void storeFailuresAre503AndWrappersAreSeenThrough() {
    assertEquals(503, Failures.toApi(new StoreUnavailableException("disk full")).status());
    assertEquals(503, Failures.toApi(new ExecutionException(
        new StoreException("constraint"))).status());
    assertEquals(503, Failures.toApi(new UncheckedAgentException(
        new AgentException(Reason.STORE_UNAVAILABLE, "x"))).status());
    ApiException given = ApiException.badRequest("no");
    assertEquals(given, Failures.toApi(new CompletionException(given)));
  }

  @Test
  void anUnexpectedFailureIsA500WithoutItsMessage() {
    ApiException e = Failures.toApi(new IllegalStateException("secret detail"));
    assertEquals(500, e.status());
    assertEquals("internal", e.code());
    assertEquals("internal error", e.getMessage());
  }
}
