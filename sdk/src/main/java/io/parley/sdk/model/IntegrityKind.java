package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What the receiving daemon concluded about a message's place in the peer's sequence. */
public enum IntegrityKind {
  /** The next message, as expected. */
  OK,
  /** A message already received arrived again (it was not handed over twice). */
  DUPLICATE,
  /** Some messages before this one never arrived. */
  SKIPPED,
  /** The message id went backwards or repeated. */
  BAD_ID,
  /** The hash chain to the previous message does not match. */
  BAD_HASH,
  /** A kind this SDK version does not know. */
  @JsonEnumDefaultValue
  UNKNOWN
}
