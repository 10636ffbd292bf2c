package io.parley.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bounds-checked big-endian reader, the inverse of {@link Encoder}. Every read past the end or
 * malformed value raises {@link CodecException}; nothing here throws an unchecked exception on
 * hostile input. Not thread-safe.
 */
public final class Decoder {
  private final byte[] buf;
  private final int end;
  private int pos;

  public Decoder(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public Decoder(byte[] buf, int off, int len) {
    if (off < 0 || len < 0 || off + len > buf.length) {
      throw new IllegalArgumentException("slice out of range");
    }
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
  }

  private void need(int n, String what) throws CodecException {
    if (n < 0 || end - pos < n) {
      throw new CodecException(what + " needs " + n + " bytes, " + (end - pos) + " left", pos);
    }
  }

  public int u8() throws CodecException {
    need(1, "u8");
    return buf[pos++] & 0xFF;
  }

  public int u16() throws CodecException {
    need(2, "u16");
    int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  public long u32() throws CodecException {
    need(4, "u32");
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  public long i64() throws CodecException {
    need(8, "i64");
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  public boolean bool() throws CodecException {
    int at = pos;
    int b = u8();
    if (b == 'T') {
      return true;
    }
    if (b == 'F') {
      return false;
    }
    throw new CodecException("boolean must be T or F", at);
  }

  public byte[] bytes(int n) throws CodecException {
    need(n, "field");
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  public byte[] shortBytes() throws CodecException {
    return bytes(u8());
  }

  /** A short field whose length must be exactly {@code expected} (keys, ids). */
  public byte[] shortBytes(int expected, String what) throws CodecException {
    int at = pos;
    int n = u8();
    if (n != expected) {
      throw new CodecException(what + " must be " + expected + " bytes, got " + n, at);
    }
    return bytes(n);
  }

  public byte[] largeBytes() throws CodecException {
    return bytes(u16());
  }

  public String shortString() throws CodecException {
    return new String(shortBytes(), StandardCharsets.UTF_8);
  }

  /** Consumes {@code expected} ASCII bytes or fails. */
  public void expect(String expected) throws CodecException {
    byte[] want = expected.getBytes(StandardCharsets.US_ASCII);
    int at = pos;
    byte[] got = bytes(want.length);
    if (!Arrays.equals(want, got)) {
      throw new CodecException("expected '" + expected + "'", at);
    }
  }

  /** Reads ASCII up to (not including) the next space or the end; consumes the space. */
  public String word() {
    int start = pos;
    while (pos < end && buf[pos] != ' ') {
      pos++;
    }
    String w = new String(buf, start, pos - start, StandardCharsets.US_ASCII);
    if (pos < end) {
      pos++;
    }
    return w;
  }

  /** All remaining bytes. */
  public byte[] tail() {
    byte[] out = Arrays.copyOfRange(buf, pos, end);
    pos = end;
    return out;
  }

  public int remaining() {
    return end - pos;
  }

  public int position() {
    return pos;
  }

  /** Fails unless every byte was consumed: trailing garbage is a syntax error, not ignored. */
  public void end() throws CodecException {
    if (pos != end) {
      throw new CodecException((end - pos) + " unexpected trailing bytes", pos);
    }
  }
}
