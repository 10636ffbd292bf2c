/**
 * The local HTTP API as one server: {@link io.parley.daemon.api.ApiServer} wires the agent,
 * the API's tables, the event hub, webhooks and the resources onto Undertow, and
 * {@link io.parley.daemon.api.ApiConfig} holds its settings.
 *
 * <p>May use: every {@code api.*} package, {@code store.api}, the agent's public API
 * ({@code io.parley.agent}, {@code .readmodel}, {@code .store}), Undertow. Nothing below it
 * uses this package: {@code cli} and {@code config} do.
 */
package io.parley.daemon.api;
