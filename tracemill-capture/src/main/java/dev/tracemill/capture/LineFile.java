package dev.tracemill.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
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
 *
 * <p><b>Interrupts.</b> A {@link FileChannel} is closed when a thread blocked in it is interrupted, which
 * would end the log for every thread. The caller's interrupt flag is cleared for the duration of the
 * write and set again afterwards; and if the channel was closed all the same (an interrupt that arrived
 * during the write), it is reopened and the write retried (up to 10,000 times, the flag cleared again
 * before each attempt, so that only a thread interrupted without pause for that long gives up): not at
 * all when the file shows the bytes arrived, and after taking back the part that arrived when the write
 * stopped inside the line.
 */
final class LineFile implements AutoCloseable {
  /** One lock per file per JVM: two channels of one JVM may not hold overlapping file locks. */
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path path;
  private final ReentrantLock lock;
  private final boolean processLock;
  private final boolean sync;
  private final ByteBuffer lastByte = ByteBuffer.allocate(1);
  private final ByteBuffer newline = ByteBuffer.wrap(new byte[] {'\n'});
  private FileChannel channel;
  private FileChannel reader;
  /** Where this writer's last write ended; -1 before the first. */
  private long end = -1;
  private boolean closed;

  LineFile(Path path, boolean processLock, boolean sync) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path key = absolute;
    this.channel = openAppend(absolute);
    try {
      key = absolute.toRealPath();
    } catch (IOException e) {
      // keep the absolute path
    }
    this.path = key;
    // Append mode cannot read: the torn-line check reads through a second, read-only channel.
    this.reader = FileChannel.open(key, StandardOpenOption.READ);
    this.lock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    this.processLock = processLock;
    this.sync = sync;
  }

  private static FileChannel openAppend(Path p) throws IOException {
    return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  Path path() {
    return path;
  }

  /**
   * Attempts at one append when interrupts keep closing the channel. A thread that another interrupts
   * in a tight loop can see its flag set again between the retry's clearing it and the next lock, so a
   * hundred attempts were not always enough (ConcurrencyTest); each failed attempt costs a reopen.
   */
  private static final int ATTEMPTS = 10_000;

  /** Appends {@code bytes} (complete lines) in one write. */
  void append(ByteBuffer bytes) throws IOException {
    lock.lock();
    boolean interrupted = Thread.interrupted();
    try {
      int start = bytes.position();
      long before = -1;
      for (int attempt = 1; ; attempt++) {
        if (closed) {
          throw new IllegalStateException("the logger of " + path + " is closed");
        }
        interrupted |= Thread.interrupted();
        try {
          write(bytes, before);
          return;
        } catch (ClosedChannelException | FileLockInterruptionException e) {
          // An interrupt during the write closed the channel (or close() did, checked above).
          interrupted |= Thread.interrupted();
          if (closed || attempt == ATTEMPTS) {
            throw e;
          }
          // A later attempt that failed before writing anything must not forget the earlier one's start.
          before = pending >= 0 ? pending : before;
          reopen();
          bytes.position(start);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      lock.unlock();
    }
  }

  /** Where the file ended just before the bytes of the current attempt were written; -1 if not reached. */
  private long pending = -1;

  /**
   * One locked write. {@code before} is, on a retry, where the file ended just before the failed
   * attempt wrote (-1 when it did not get that far): if the file now ends exactly the bytes' length
   * later, the failed attempt had written them and they are not written again.
   */
  private void write(ByteBuffer bytes, long before) throws IOException {
    pending = -1;
    FileLock fileLock = processLock ? channel.lock() : null;
    try {
      long size = channel.size();
      if (before >= 0 && size == before + bytes.remaining()) {
        end = size;
        bytes.position(bytes.limit());
        return;
      }
      if (before >= 0 && size > before && size < before + bytes.remaining() && ownPrefix(bytes, before, size)) {
        // The interrupted write stopped inside the line: take its part back, then write the line whole.
        channel.truncate(before);
        size = before;
        end = before;
      }
      if (size != end && size > 0) {
        lastByte.clear();
        reader.read(lastByte, size - 1);
        if (lastByte.get(0) != '\n') {
          newline.clear();
          size += writeFully(newline);
        }
      }
      pending = size;
      end = size + writeFully(bytes);
      if (sync) {
        channel.force(false);
      }
    } finally {
      if (fileLock != null && fileLock.isValid()) {
        fileLock.release();
      }
    }
  }

  /** Whether the file's bytes from {@code from} to {@code to} are the first bytes of {@code line}. */
  private boolean ownPrefix(ByteBuffer line, long from, long to) throws IOException {
    ByteBuffer written = ByteBuffer.allocate((int) (to - from));
    while (written.hasRemaining() && reader.read(written, from + written.position()) > 0) {
      // read until full
    }
    written.flip();
    ByteBuffer prefix = line.duplicate();
    prefix.limit(prefix.position() + written.remaining());
    return written.equals(prefix);
  }

  private void reopen() throws IOException {
    try {
      channel.close();
      reader.close();
    } catch (IOException e) {
      // already closed
    }
    channel = openAppend(path);
    reader = FileChannel.open(path, StandardOpenOption.READ);
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
