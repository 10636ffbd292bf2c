package io.parley.relay.store;

import io.parley.transport.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the channels the store writes through. Production uses {@link FileChannel#open}, files
 * created owner-only ({@link OwnerOnlyFiles}); tests substitute channels that fail or pause, to
 * prove what a disk error or a slow fsync does.
 */
@FunctionalInterface
interface ChannelOpener {
  ChannelOpener FILES = OwnerOnlyFiles::open;

  FileChannel open(Path path, OpenOption... options) throws IOException;
}
