package io.parley.relay.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** A real file channel whose writes and fsyncs a test can fail or pause through {@link Hooks}. */
final class HookedChannel extends FileChannel {

  /** What the test wants to happen; shared by every channel one opener creates. */
  interface Hooks {
    /** Called before each write; throwing fails it. */
    default void beforeWrite() throws IOException {}

    /** Called before each fsync; may block or throw. */
    default void beforeForce() throws IOException {}

    /** When true, a write stores all its bytes and then reports failure anyway. */
    default boolean tearNextWrite() {
      return false;
    }
  }

  private final FileChannel real;
  private final Hooks hooks;

  HookedChannel(FileChannel real, Hooks hooks) {
    this.real = real;
    this.hooks = hooks;
  }

  /** An opener whose channels run {@code hooks}. */
  static ChannelOpener opener(Hooks hooks) {
    return (path, options) -> new HookedChannel(FileChannel.open(path, options), hooks);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return real.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return real.read(dsts, offset, length);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    hooks.beforeWrite();
    if (hooks.tearNextWrite()) {
      real.write(src);
      throw new IOException("injected failure after writing");
    }
    return real.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    hooks.beforeWrite();
    if (hooks.tearNextWrite()) {
      real.write(srcs, offset, length);
      throw new IOException("injected failure after writing");
    }
    return real.write(srcs, offset, length);
  }

  @Override
  public long position() throws IOException {
    return real.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    real.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    real.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    hooks.beforeForce();
    real.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target)
      throws IOException {
    return real.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count)
      throws IOException {
    return real.transferFrom(src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return real.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    hooks.beforeWrite();
    return real.write(src, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return real.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return real.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return real.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    real.close();
  }
}
