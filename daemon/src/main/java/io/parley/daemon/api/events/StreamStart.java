package io.parley.daemon.api.events;

import io.undertow.util.AttachmentKey;

/**
 * Where a stream starts, worked out (and refused with 4xx if need be) before the connection is
 * upgraded, and carried to the stream on the exchange.
 *
 * @param consumer the named consumer the client acknowledges for, or null
 */
record StreamStart(long cursor, EventFilter filter, String consumer, String profileId) {
  static final AttachmentKey<StreamStart> KEY = AttachmentKey.create(StreamStart.class);
}
