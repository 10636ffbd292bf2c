package io.parley.daemon.api.resources;

import io.parley.agent.Agent;
import io.parley.agent.AgentProfile;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.security.Principal;

/**
 * The agent as a request's profile sees it: every path acts on the caller's profile (the owner
 * token's is the default one), so another profile's data is never found. Thread-safe.
 */
final class Scope {
  private final Agent agent;

  Scope(Agent agent) {
    this.agent = agent;
  }

  /** The caller's profile; 404 if it was deleted meanwhile. */
  AgentProfile of(Call call) throws ApiException {
    return of(call.principal());
  }

  AgentProfile of(Principal p) throws ApiException {
    return agent.profile(p.profileId())
        .orElseThrow(() -> ApiException.notFound("no such profile"));
  }
}
