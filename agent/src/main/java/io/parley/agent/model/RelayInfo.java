package io.parley.agent.model;

import java.time.Instant;

/**
 * A relay this agent makes its queues on, as the application may see it. Immutable.
 *
 * @param id short stable id of the relay (derived from its address), for the API's paths
 * @param address the relay's address {@code smp://<keyHash>@host:port}
 * @param hostPort {@code host:port}
 * @param up whether its session was up at the last change; false before the first attempt
 * @param since when it last went up or down, or null before the first attempt
 * @param queues this agent's receive queues on it (connections and the contact address)
 * @param lastError why its session last went down, in words, or null
 * @param retiring whether it was retired and still holds some of this agent's receive queues
 *     (being moved off it); it is dropped from the list once it holds none
 */
public record RelayInfo(String id, String address, String hostPort, boolean up, Instant since,
    int queues, String lastError, boolean retiring) {}
