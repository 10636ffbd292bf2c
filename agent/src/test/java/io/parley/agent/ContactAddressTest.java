package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.ContactAddress;
import io.parley.agent.model.ContactRequestInfo;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(LeakCheck.class)
class ContactAddressTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void ofTwoRequestsOneIsAcceptedWithAWelcomeAndTheOtherRejected() throws Exception {
    TestAgent owner = net.agent("owner");
    TestAgent bob = net.agent("bob");
    TestAgent carol = net.agent("carol");
    ContactAddress address = owner.agent().createAddress(false, "welcome!")
        .get(30, TimeUnit.SECONDS);
    assertEquals(address, owner.agent().address().orElseThrow());

    String bobSide = bob.agent().join(address.link(), null).get(30, TimeUnit.SECONDS);
    String carolSide = carol.agent().join(address.link(), null).get(30, TimeUnit.SECONDS);
    owner.events().awaitCount(is(AgentEvent.CONNECTION_REQUESTED, null), 2, WAIT);
    List<ContactRequestInfo> requests = owner.agent().requests();
    assertEquals(2, requests.size());
    ContactRequestInfo fromBob = requests.stream()
        .filter(r -> "bob".equals(r.profile())).findFirst().orElseThrow();
    ContactRequestInfo fromCarol = requests.stream()
        .filter(r -> "carol".equals(r.profile())).findFirst().orElseThrow();

    String ownerSide = owner.agent().acceptRequest(fromBob.id()).get(30, TimeUnit.SECONDS);
    owner.agent().rejectRequest(fromCarol.id()).get(30, TimeUnit.SECONDS);

    owner.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, ownerSide));
    bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobSide));
    AgentEvent welcome = bob.events().await(is(AgentEvent.MESSAGE_RECEIVED, bobSide));
    assertEquals("welcome!", welcome.data().get("text"));
    assertEquals(owner.agent().connection(ownerSide).orElseThrow().securityCode(),
        bob.agent().connection(bobSide).orElseThrow().securityCode());
    assertTrue(owner.agent().connection(ownerSide).orElseThrow().viaContactAddress());
    assertEquals(List.of(), owner.agent().requests());
    assertEquals(ConnectionInfo.Status.PENDING,
        carol.agent().connection(carolSide).orElseThrow().status());
    assertEquals(1, owner.agent().connections().size(), "the rejected request made nothing");

    ExecutionException again = assertThrows(ExecutionException.class,
        () -> owner.agent().acceptRequest(fromCarol.id()).get(30, TimeUnit.SECONDS));
    assertEquals(AgentException.Reason.UNKNOWN_REQUEST,
        assertInstanceOf(AgentException.class, again.getCause()).reason());
  }

  @Test
  void anAutoAcceptAddressConnectsWithoutAskingAndSurvivesItsDeletion() throws Exception {
    TestAgent owner = net.agent("owner");
    TestAgent dave = net.agent("dave");
    ContactAddress address = owner.agent().createAddress(true, null).get(30, TimeUnit.SECONDS);

    String daveSide = dave.agent().join(address.link(), null).get(30, TimeUnit.SECONDS);
    dave.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, daveSide));
    AgentEvent ownerEstablished = owner.events().await(
        is(AgentEvent.CONNECTION_ESTABLISHED, null));
    String ownerSide = ownerEstablished.connectionId();
    assertEquals(List.of(), owner.events().matching(is(AgentEvent.CONNECTION_REQUESTED, null)));

    owner.agent().deleteAddress().get(30, TimeUnit.SECONDS);
    assertFalse(owner.agent().address().isPresent());
    dave.agent().sendText(daveSide, "still here", null).get(30, TimeUnit.SECONDS);
    AgentEvent got = owner.events().await(is(AgentEvent.MESSAGE_RECEIVED, ownerSide));
    assertEquals("still here", got.data().get("text"));
    assertNotNull(owner.agent().connection(ownerSide).orElseThrow().securityCode());
  }
}
