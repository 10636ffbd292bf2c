/**
 * The outbox and its delivery: {@link io.parley.agent.internal.delivery.Outbox} seals each
 * message once with the connection's ratchet and stores it with the advanced ratchet in one
 * unit; {@link io.parley.agent.internal.delivery.Deliveries} runs one worker per connection
 * that sends the stored bytes, records what the relay answered and retries on a timer. What a
 * handshake does when its confirmation is accepted comes in as a hook, so nothing here calls
 * up.
 *
 * <p>May use: client, e2e, state, events, store, the public {@code event}, {@code model} and
 * {@code error} packages, protocol, Quartz (retry timers).
 */
package io.parley.agent.internal.delivery;
