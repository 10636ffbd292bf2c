package io.parley.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.sdk.model.EventQuery;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ids and query values can never escape their path segment or parameter. */
class ApiPathsTest {
  @Test
  void reservedCharactersInAnIdArePercentEncodedSoItStaysOneSegment() {
    assertEquals("a%2Fb", ApiPaths.segment("a/b"));
    assertEquals("%2E%2E", ApiPaths.segment(".."));
    assertEquals("%2E", ApiPaths.segment("."));
    assertEquals("x%3Fy%23z%26w%20v", ApiPaths.segment("x?y#z&w v"));
    assertEquals("%C3%A9", ApiPaths.segment("é"));
    assertEquals("plain-id_1.2~", ApiPaths.segment("plain-id_1.2~"));
  }

  @Test
  void anEmptyOrMissingIdIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ApiPaths.segment(""));
    assertThrows(IllegalArgumentException.class, () -> ApiPaths.segment(null));
  }

  @Test
  void anEventQueryBecomesItsQueryStringWithSortedTypes() {
    assertEquals("", ApiPaths.events(EventQuery.fromStart()));
    assertEquals("?after=latest", ApiPaths.events(EventQuery.latest()));
    assertEquals("?after=5&wait=10&limit=3&types=message.received%2Crelay.up",
        ApiPaths.events(EventQuery.after(5).withWait(10).withLimit(3)
            .withTypes(Set.of("relay.up", "message.received"))));
    assertEquals("?consumer=bot.1", ApiPaths.events(EventQuery.consumer("bot.1")));
  }
}
