/**
 * The API's HTTP plumbing, independent of any resource: routing with per-route access and
 * body policies, the filters every request passes (host pinning, origin check, token
 * authentication), calls and replies, JSON and media types, and the error envelope that maps
 * failures (the agent's typed exceptions, store failures) to statuses.
 *
 * <p>May use: {@code api.security} (the token model and host allow-list), the agent's public
 * exceptions and {@code io.parley.agent.store} failures, Undertow, Jackson. Never a resource.
 */
package io.parley.daemon.api.http;
