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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * during the write), the file's own writer thread, which nothing interrupts, reopens it and writes the
 * line while the caller waits: not at all when the file shows the bytes arrived, and after taking back
 * the part that arrived when the write stopped inside the line.
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
  /** Takes up a write an interrupt stopped; never interrupted itself (created on first need). */
  private ExecutorService writer;

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
   * Appends {@code bytes} (complete lines) in one write. The caller's thread writes; when an interrupt
   * closes the channel during that write, the write is taken up by this file's own writer thread, which
   * nothing interrupts, while the caller waits for it (a caller interrupted without pause could otherwise
   * fail every retry of its own).
   */
  void append(ByteBuffer bytes) throws IOException {
    lock.lock();
    boolean interrupted = Thread.interrupted();
    try {
      if (closed) {
        throw new IllegalStateException("the logger of " + path + " is closed");
      }
      int start = bytes.position();
      try {
        write(bytes, -1);
      } catch (ClosedChannelException | FileLockInterruptionException e) {
        // An interrupt during the write closed the channel (or close() did: checked next).
        interrupted |= Thread.interrupted();
        if (closed) {
          throw e;
        }
        long before = pending;
        bytes.position(start);
        interrupted |= onWriterThread(() -> {
          reopen();
          write(bytes, before);
          return null;
        });
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      lock.unlock();
    }
  }

  /** An I/O step that may throw. */
  private interface Step {
    Void run() throws IOException;
  }

  /**
   * Runs {@code step} on this file's writer thread (started on first need) and waits for it, through
   * interrupts; returns whether the caller was interrupted meanwhile. The caller holds {@link #lock}.
   */
  private boolean onWriterThread(Step step) throws IOException {
    if (writer == null) {
      writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tracemill-capture-writer");
        t.setDaemon(true);
        return t;
      });
    }
    Future<Void> done = writer.submit(step::run);
    boolean interrupted = false;
    while (true) {
      try {
        done.get();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
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
        if (writer != null) {
          writer.shutdown(); // no task is running: each is waited for under the lock held here
        }
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
