/** Renders alert groups as chat messages that fit the daemon's text limit. */
package io.parley.bots.notifier.format;
