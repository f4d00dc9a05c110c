package vn.lgsp.hub.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.HubProperties;

/**
 * One hub per data directory: a second hub on the same directory would share its database and
 * broker journal and corrupt both. Held for the life of the process; the OS releases it even
 * after SIGKILL.
 */
@Component
public class DataDirectoryLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  public DataDirectoryLock(HubProperties hub) throws IOException {
    Path dir = hub.dataDir().toAbsolutePath();
    Files.createDirectories(dir);
    channel =
        FileChannel.open(dir.resolve("hub.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    lock = tryLock(channel);
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "data directory " + dir + " is in use by another hub; start with --hub.data-dir=OTHER_DIR");
    }
  }

  /** Null when held elsewhere: by another process, or (as in tests) by this one. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
