package io.parley.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Growable big-endian writer for Parley's wire encoding (docs/protocol.md, "Encodings").
 * Not thread-safe; one encoder builds one message.
 */
public final class Encoder {
  /** Largest value a short (1-byte length) field can carry. */
  public static final int MAX_SHORT_FIELD_BYTES = 255;
  /** Largest value a large (2-byte length) field can carry. */
  public static final int MAX_LARGE_FIELD_BYTES = 65_535;

  private byte[] buf;
  private int size;

  public Encoder() {
    this(64);
  }

  public Encoder(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public Encoder u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public Encoder u16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + v);
    }
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  public Encoder u32(long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  public Encoder i64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Boolean as the ASCII byte {@code T} or {@code F}. */
  public Encoder bool(boolean v) {
    return u8(v ? 'T' : 'F');
  }

  /** A field with a 1-byte length prefix (at most 255 bytes). */
  public Encoder shortBytes(byte[] v) {
    if (v.length > MAX_SHORT_FIELD_BYTES) {
      throw new IllegalArgumentException("short field too long: " + v.length);
    }
    u8(v.length);
    return raw(v);
  }

  /** A field with a 2-byte length prefix (at most 65535 bytes). */
  public Encoder largeBytes(byte[] v) {
    if (v.length > MAX_LARGE_FIELD_BYTES) {
      throw new IllegalArgumentException("large field too long: " + v.length);
    }
    u16(v.length);
    return raw(v);
  }

  /** A short field holding UTF-8 text. */
  public Encoder shortString(String s) {
    return shortBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** ASCII text with no length prefix, such as a command tag. */
  public Encoder ascii(String s) {
    return raw(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Bytes with no length prefix; used for the last field ("tail") of a message. */
  public Encoder raw(byte[] v) {
    return raw(v, 0, v.length);
  }

  public Encoder raw(byte[] v, int off, int len) {
    ensure(len);
    System.arraycopy(v, off, buf, size, len);
    size += len;
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
