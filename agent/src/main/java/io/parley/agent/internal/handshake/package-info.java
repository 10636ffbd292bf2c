/**
 * Making and ending connections (docs/agent.md section 1): the inviter's side ({@link
 * io.parley.agent.internal.handshake.Invitations}), the joiner's ({@link
 * io.parley.agent.internal.handshake.Joins}), the contact address ({@link
 * io.parley.agent.internal.handshake.ContactAddresses}) and deletion.
 *
 * <p>May use: runtime, delivery, events, e2e, state, client, store, the public {@code event},
 * {@code model} and {@code error} packages, protocol.
 */
package io.parley.agent.internal.handshake;
