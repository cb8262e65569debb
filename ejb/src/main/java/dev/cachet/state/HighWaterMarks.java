package dev.cachet.state;

import dev.cachet.host.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The highest generation this node has committed per record, kept in a file beside the database
 * ({@code state.hwm}) so that a database restored from an older backup is noticed at start. The
 * file is replaced atomically: written to a temporary file, fsynced, renamed over the old one, and
 * the directory fsynced; the temporary file is created owner-only ({@code rw-------}), so the file
 * is never readable by other users. A mark is raised only after its write committed, so it never
 * runs ahead of the database.
 *
 * <p>Two fsyncs cost milliseconds, a hundred times a vault write, so the node writes the file
 * behind the commits: at most {@code maxLag} after a mark was raised, all raised marks at once (and
 * at close). The file may then trail the database by that much, which still catches a restored
 * backup, since a backup is older than that. Without a scheduler every raise is durable on return.
 */
public final class HighWaterMarks implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(HighWaterMarks.class.getName());
  private static final String HEADER = "# cachet state high-water marks v1";

  private final Path file;
  private final Map<String, Long> marks;
  private final Optional<ScheduledExecutorService> scheduler;
  private final Duration maxLag;
  private final Object fileLock = new Object();
  private boolean dirty;
  private boolean flushScheduled;

  private HighWaterMarks(
      Path file,
      Map<String, Long> marks,
      Optional<ScheduledExecutorService> scheduler,
      Duration maxLag) {
    this.file = file;
    this.marks = marks;
    this.scheduler = scheduler;
    this.maxLag = maxLag;
  }

  /** The marks stored in {@code file}; every raise is written before it returns. */
  public static HighWaterMarks open(Path file) {
    return new HighWaterMarks(file, read(file), Optional.empty(), Duration.ZERO);
  }

  /**
   * The marks stored in {@code file}; raises are written by {@code scheduler} within {@code
   * maxLag}.
   */
  public static HighWaterMarks open(
      Path file, ScheduledExecutorService scheduler, Duration maxLag) {
    return new HighWaterMarks(file, read(file), Optional.of(scheduler), maxLag);
  }

  public Path file() {
    return file;
  }

  /** The highest generation committed for {@code record}, 0 if none. */
  public synchronized long of(String record) {
    return marks.getOrDefault(record, 0L);
  }

  /** A copy of every mark. */
  public synchronized Map<String, Long> snapshot() {
    return new TreeMap<>(marks);
  }

  /** Records that {@code generation} of {@code record} committed. */
  public void raise(String record, long generation) {
    boolean writeNow;
    synchronized (this) {
      if (generation <= of(record)) {
        return;
      }
      marks.put(record, generation);
      dirty = true;
      writeNow = scheduler.isEmpty();
      if (!writeNow && !flushScheduled) {
        flushScheduled = true;
        scheduler.get().schedule(new Flush(), maxLag.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    if (writeNow) {
      flush();
    }
  }

  /** Replaces every mark with {@code stored}: the operator accepted a restored database. */
  public void resetTo(Map<String, Long> stored) {
    synchronized (this) {
      marks.clear();
      marks.putAll(stored);
      dirty = true;
    }
    flush();
  }

  /** Writes the marks now if any was raised since the last write. */
  public void flush() {
    synchronized (fileLock) {
      String text;
      synchronized (this) {
        flushScheduled = false;
        if (!dirty) {
          return;
        }
        dirty = false;
        text = render();
      }
      write(text);
    }
  }

  /** Writes what is pending. */
  @Override
  public void close() {
    flush();
  }

  private String render() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    marks.forEach(
        (name, generation) -> text.append(generation).append(' ').append(name).append('\n'));
    return text.toString();
  }

  private void write(String text) {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = dir.resolve(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(temp); // a leftover keeps its permissions: start anew
      try (FileChannel out =
          FileChannel.open(
              temp,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              OwnerOnlyFile.creationAttributes(temp))) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
        directory.force(true);
      }
    } catch (IOException e) {
      synchronized (this) {
        dirty = true; // try again at the next flush
      }
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Map<String, Long> read(Path file) {
    Map<String, Long> marks = new TreeMap<>();
    if (!Files.exists(file)) {
      return marks;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int space = line.indexOf(' ');
        if (space < 1) {
          throw new IllegalStateException("malformed line in " + file + ": " + line);
        }
        marks.put(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("malformed generation in " + file, e);
    }
    return marks;
  }

  /** The deferred write, as a named task for thread dumps. */
  private final class Flush implements Runnable {
    @Override
    public void run() {
      try {
        flush();
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "state high-water marks not written; retrying", e);
        synchronized (HighWaterMarks.this) {
          if (!flushScheduled) {
            flushScheduled = true;
            scheduler.get().schedule(new Flush(), maxLag.toMillis(), TimeUnit.MILLISECONDS);
          }
        }
      }
    }
  }
}
