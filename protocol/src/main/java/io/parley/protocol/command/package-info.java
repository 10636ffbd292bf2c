/**
 * The commands clients send to a relay and the responses it answers with, encoded and decoded
 * (docs/protocol.md sections 5 to 8). May use the protocol's root package and {@code codec}.
 */
package io.parley.protocol.command;
