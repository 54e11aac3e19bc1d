package dev.tracemill.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only file of lines shared by threads and processes. Each {@link #append} writes its bytes
 * (whole lines) in one write, holding a lock shared by every {@code LineFile} of the same path in this
 * JVM and, when {@code processLock}, an exclusive {@link FileLock} on the file, so that lines of
 * different writers never interleave.
 *
 * <p><b>Torn lines.</b> A writer killed inside a write can leave a last line without its newline. Before
 * writing, under the locks, the file's size is compared with where this writer's last write ended; when
 * another writer (or a crash) has been there and the file does not end with a newline, one is written
 * first, so the torn line stays one bad line that {@code tracemill run} quarantines, and the new line
 * stays whole.
 */
final class LineFile implements AutoCloseable {
  /** One lock per file per JVM: two channels of one JVM may not hold overlapping file locks. */
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path path;
  private final FileChannel channel;
  private final FileChannel reader;
  private final ReentrantLock lock;
  private final boolean processLock;
  private final boolean sync;
  private final ByteBuffer lastByte = ByteBuffer.allocate(1);
  private final ByteBuffer newline = ByteBuffer.wrap(new byte[] {'\n'});
  /** Where this writer's last write ended; -1 before the first. */
  private long end = -1;
  private boolean closed;

  LineFile(Path path, boolean processLock, boolean sync) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.channel = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    // Append mode cannot read: the torn-line check reads through a second, read-only channel.
    this.reader = FileChannel.open(absolute, StandardOpenOption.READ);
    Path key;
    try {
      key = absolute.toRealPath();
    } catch (IOException e) {
      key = absolute;
    }
    this.path = key;
    this.lock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    this.processLock = processLock;
    this.sync = sync;
  }

  Path path() {
    return path;
  }

  /** Appends {@code bytes} (complete lines) in one write. */
  void append(ByteBuffer bytes) throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the logger of " + path + " is closed");
      }
      FileLock fileLock = processLock ? channel.lock() : null;
      try {
        long size = channel.size();
        if (size != end && size > 0) {
          lastByte.clear();
          reader.read(lastByte, size - 1);
          if (lastByte.get(0) != '\n') {
            newline.clear();
            size += writeFully(newline);
          }
        }
        end = size + writeFully(bytes);
        if (sync) {
          channel.force(false);
        }
      } finally {
        if (fileLock != null) {
          fileLock.release();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private int writeFully(ByteBuffer b) throws IOException {
    int n = 0;
    while (b.hasRemaining()) {
      n += channel.write(b);
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        try {
          channel.close();
        } finally {
          reader.close();
        }
      }
    } finally {
      lock.unlock();
    }
  }
}
