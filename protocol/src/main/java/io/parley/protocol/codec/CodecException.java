package io.parley.protocol.codec;

/**
 * Raised when bytes do not decode: a length past the end, a field too long, an unknown tag.
 * Decoders never let an {@link IndexOutOfBoundsException} escape; they raise this instead.
 */
public final class CodecException extends Exception {
  private final int offset;

  public CodecException(String message, int offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  /** Byte offset in the input where decoding failed. */
  public int offset() {
    return offset;
  }
}
