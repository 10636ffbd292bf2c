/**
 * The SDK's plumbing, not part of its API: HTTP requests and bounded bodies, JSON, API paths,
 * error mapping, WebSocket reading and the subscription loop with its backoff. May use the
 * SDK's {@code error}, {@code events} and {@code model} packages, the JDK's HTTP client and
 * Jackson; never the public {@code io.parley.sdk} package, which uses this one.
 */
package io.parley.sdk.internal;
