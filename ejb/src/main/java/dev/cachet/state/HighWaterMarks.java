package dev.cachet.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The highest generation this node has committed per record, kept in a file beside the database
 * ({@code state.hwm}) so that a database restored from an older backup is noticed at start. The
 * file is replaced atomically: written to a temporary file, fsynced, renamed over the old one, and
 * the directory fsynced. A mark is raised only after its write committed, so it never runs ahead of
 * the database.
 */
public final class HighWaterMarks {

  private static final String HEADER = "# cachet state high-water marks v1";

  private final Path file;
  private final Map<String, Long> marks;

  private HighWaterMarks(Path file, Map<String, Long> marks) {
    this.file = file;
    this.marks = marks;
  }

  /** The marks stored in {@code file}, or none if it does not exist yet. */
  public static HighWaterMarks open(Path file) {
    Map<String, Long> marks = new TreeMap<>();
    if (Files.exists(file)) {
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
    }
    return new HighWaterMarks(file, marks);
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

  /** Records that {@code generation} of {@code record} committed; durable on return. */
  public synchronized void raise(String record, long generation) {
    if (generation > of(record)) {
      marks.put(record, generation);
      write();
    }
  }

  /** Replaces every mark with {@code stored}: the operator accepted a restored database. */
  public synchronized void resetTo(Map<String, Long> stored) {
    marks.clear();
    marks.putAll(stored);
    write();
  }

  private void write() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    marks.forEach(
        (name, generation) -> text.append(generation).append(' ').append(name).append('\n'));
    Path dir = file.toAbsolutePath().getParent();
    Path temp = dir.resolve(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (FileChannel out =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
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
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
