package io.parley.agent.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentEventOrderTest {
  @Test
  void anEventsFieldsAndTheirNestedFieldsIterateInSortedOrderWhateverTheMapGiven() {
    AgentEvent e = new AgentEvent(1, AgentEvent.MESSAGE_RECEIVED, Instant.EPOCH, "c",
        Map.of("text", "hi", "messageId", "c.1",
            "integrity", Map.of("to", 9, "kind", "skipped", "from", 3)));
    assertEquals(List.of("integrity", "messageId", "text"), List.copyOf(e.data().keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> integrity = (Map<String, Object>) e.data().get("integrity");
    assertEquals(List.of("from", "kind", "to"), List.copyOf(integrity.keySet()));
    assertThrows(UnsupportedOperationException.class, () -> e.data().put("x", "y"));
  }
}
