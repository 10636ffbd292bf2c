/**
 * A small bot framework on the SDK: command routing with a generated {@code /help}, message and
 * connection handlers, idempotent replies, contact address set-up and graceful stop.
 */
package io.parley.sdk.bot;
