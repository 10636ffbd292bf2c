package io.parley.sdk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's records and enums mirror the schemas of {@code openapi.yaml} (the daemon's copy on
 * the test classpath): same field names, same enum values. A change to the API contract fails
 * here until the SDK follows it.
 */
class ModelContractTest {
  /** Where the daemon module packages the contract. */
  private static final String CONTRACT = "io/parley/daemon/api/openapi.yaml";
  private static JsonNode schemas;

  @BeforeAll
  static void loadContract() throws Exception {
    try (InputStream in = ModelContractTest.class.getClassLoader()
        .getResourceAsStream(CONTRACT)) {
      assertNotNull(in, CONTRACT + " must be on the test classpath");
      schemas = new ObjectMapper(new YAMLFactory()).readTree(in).path("components")
          .path("schemas");
    }
  }

  private static Set<String> properties(String schema) {
    JsonNode props = schemas.path(schema).path("properties");
    assertTrue(props.isObject(), "no schema " + schema);
    Set<String> out = new TreeSet<>();
    props.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static Set<String> components(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> enumValues(JsonNode node) {
    Set<String> out = new TreeSet<>();
    node.path("enum").forEach(v -> out.add(v.asText()));
    assertFalse(out.isEmpty(), "no enum at " + node);
    return out;
  }

  private static Set<String> known(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
        .filter(n -> !n.equals("unknown")).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void eachRecordHasExactlyTheFieldsOfItsSchema() {
    assertEquals(properties("Connection"), components(Connection.class));
    assertEquals(properties("Invitation"), components(Invitation.class));
    assertEquals(properties("Address"), components(ContactAddress.class));
    assertEquals(properties("ContactRequest"), components(ContactRequest.class));
    assertEquals(properties("QueuedMessage"), components(QueuedMessage.class));
    assertEquals(properties("StatusChange"), components(StatusChange.class));
    assertEquals(properties("Integrity"), components(Integrity.class));
    assertEquals(properties("Consumer"), components(Consumer.class));
    assertEquals(properties("EventPage"), components(EventPage.class));
    assertEquals(properties("Info"), components(DaemonInfo.class));
    assertEquals(properties("Webhook"), components(Webhook.class));
    assertEquals(properties("NewToken"), components(ApiToken.class));
    assertEquals(properties("PeerProfile"), components(Connection.PeerProfile.class));
    // "default" is a Java keyword: the record calls it isDefault.
    assertEquals(properties("Profile"), components(Profile.class).stream()
        .map(n -> n.equals("isDefault") ? "default" : n)
        .collect(Collectors.toCollection(TreeSet::new)));
    assertEquals(properties("NewProfile"), components(NewProfile.class).stream()
        .map(n -> n.equals("isDefault") ? "default" : n)
        .collect(Collectors.toCollection(TreeSet::new)));
    assertEquals(properties("ConnectionEstablishedEvent"), components(Event.class));
  }

  @Test
  void theNestedInfoRecordsHaveTheFieldsOfTheirSchemas() {
    JsonNode info = schemas.path("Info").path("properties");
    Set<String> log = new TreeSet<>();
    info.path("events").path("properties").fieldNames().forEachRemaining(log::add);
    assertEquals(log, components(DaemonInfo.EventLog.class));
    Set<String> relay = new TreeSet<>();
    info.path("relays").path("items").path("properties").fieldNames()
        .forEachRemaining(relay::add);
    assertEquals(relay, components(DaemonInfo.Relay.class));
  }

  @Test
  void aMessageCoversBothTheOutgoingAndTheHistorySchemas() {
    Set<String> both = new TreeSet<>(properties("OutgoingMessage"));
    both.addAll(properties("HistoryMessage"));
    // One record reads both shapes: an outgoing message's "createdAt" is read as its time.
    both.remove("createdAt");
    assertEquals(both, components(Message.class));
  }

  @Test
  void eachEnumKnowsExactlyTheValuesOfItsSchema() {
    JsonNode connection = schemas.path("Connection").path("properties");
    assertEquals(enumValues(connection.path("status")), known(ConnectionStatus.class));
    assertEquals(enumValues(connection.path("role")), known(ConnectionRole.class));
    assertEquals(enumValues(schemas.path("MessageStatus")), known(MessageStatus.class));
    assertEquals(enumValues(schemas.path("Integrity").path("properties").path("kind")),
        known(IntegrityKind.class));
    assertEquals(enumValues(schemas.path("HistoryMessage").path("properties")
        .path("direction")), known(Direction.class));
    assertEquals(enumValues(schemas.path("Token").path("properties").path("scope")),
        known(TokenScope.class));
  }

  @Test
  void everyEventTypeOfTheContractIsNamedInEventTypes() throws Exception {
    Set<String> constants = new TreeSet<>();
    for (Field f : EventTypes.class.getFields()) {
      constants.add((String) f.get(null));
    }
    assertEquals(enumValues(schemas.path("EventType")), constants);
  }
}
