package io.parley.bots.notifier.delivery;

/**
 * What one alert group's fan-out did, per subscriber of its topic. Every subscriber is counted
 * in exactly one of the other fields. Immutable.
 *
 * @param subscribers subscribers of the topic when the alert arrived
 * @param queued durably queued with the daemon
 * @param duplicates skipped: the same text went to them on the same thread within the window
 * @param muted skipped: they muted the topic
 * @param held over their rate limit (or with alerts held already): kept in the bot's database
 *     and delivered in a digest message as soon as their rate allows
 * @param rejected refused by the daemon for good (for example a connection not established)
 * @param gone their connection no longer exists; their subscriptions were removed
 */
public record DispatchResult(int subscribers, int queued, int duplicates, int muted,
    int held, int rejected, int gone) {}
