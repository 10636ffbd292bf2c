package io.parley.cli;

import io.parley.sdk.error.DaemonUnreachableException;
import io.parley.sdk.error.ForbiddenException;
import io.parley.sdk.error.NotFoundException;
import io.parley.sdk.error.ParleyConfigException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.error.UnauthorizedException;

/**
 * The exit statuses of {@code parley}, distinct per cause so a script can act on them
 * (docs/cli.md). Stateless.
 */
final class Exits {
  /** Done. */
  static final int OK = 0;
  /** The daemon refused the call for another reason (its message is printed). */
  static final int FAILURE = 1;
  /** Bad command line (also an ambiguous connection name). */
  static final int USAGE = 2;
  /** Nothing answers at the API address. */
  static final int UNREACHABLE = 3;
  /** No usable token: none found, unreadable, or refused by the daemon. */
  static final int AUTH = 4;
  /** The connection (or other thing named) does not exist. */
  static final int NOT_FOUND = 5;

  private Exits() {}

  /** The status for a failed call. */
  static int of(ParleyException e) {
    if (e instanceof DaemonUnreachableException) {
      return UNREACHABLE;
    }
    if (e instanceof UnauthorizedException || e instanceof ForbiddenException
        || e instanceof ParleyConfigException) {
      return AUTH;
    }
    if (e instanceof NotFoundException) {
      return NOT_FOUND;
    }
    return FAILURE;
  }
}
