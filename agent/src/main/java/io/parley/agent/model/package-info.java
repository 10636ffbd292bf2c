/**
 * The values the agent answers with: connections, invitations, contact addresses and their
 * requests, queued messages and their status. Immutable records and enums; internals build
 * them, embedders and the daemon read them.
 *
 * <p>May use: the JDK only. A leaf: it imports no other agent package.
 */
package io.parley.agent.model;
