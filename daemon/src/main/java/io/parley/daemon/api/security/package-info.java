/**
 * Who may call the API: the root token file, scoped tokens (kept as hashes in the API's
 * tables), the principal a request runs as, the access levels of routes, and the host names a
 * request may be addressed to.
 *
 * <p>May use: {@code store.api}, {@code io.parley.agent.store} failures, the protocol's
 * random source. No HTTP: the filters that apply these rules live in {@code api.http}.
 */
package io.parley.daemon.api.security;
