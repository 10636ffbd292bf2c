package io.parley.daemon.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.api.http.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventFilterTest {
  @Test
  void aListOfTypesAcceptsExactlyThoseAndNoneMeansAll() throws Exception {
    EventFilter f = EventFilter.parse(Optional.of("message.received, relay.down"));
    assertTrue(f.accepts("message.received"));
    assertTrue(f.accepts("relay.down"));
    assertFalse(f.accepts("message.status"));
    assertTrue(EventFilter.parse(Optional.empty()).accepts("anything.new"));
  }

  @Test
  void malformedOrTooManyTypesAre400() {
    StringBuilder many = new StringBuilder("t0");
    for (int i = 1; i <= EventFilter.MAX_TYPES; i++) {
      many.append(",t").append(i);
    }
    for (String bad : new String[] {"", ",", "Message.Received", "a..b", "x y",
        many.toString()}) {
      ApiException e = assertThrows(ApiException.class,
          () -> EventFilter.parse(Optional.of(bad)), bad);
      assertEquals(400, e.status());
    }
  }
}
