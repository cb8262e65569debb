package dev.cachet.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The chain's genesis time: configured ({@code cachet.chain.genesis-time}, an ISO-8601 instant or
 * Unix seconds), or else the node's first start, kept in a file of its data directory so that a
 * restarted node keeps counting the same slots (a local committee has no chain to ask).
 */
public final class Genesis {

  /** The file, in the data directory, that holds a local chain's genesis. */
  public static final String FILE_NAME = "genesis-time";

  private Genesis() {}

  /** Parses an ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or whole Unix seconds. */
  public static Instant parse(String text) {
    String value = text.strip();
    try {
      if (value.matches("\\d{1,12}")) {
        return Instant.ofEpochSecond(Long.parseLong(value));
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "cachet.chain.genesis-time must be an ISO-8601 instant or Unix seconds, not '"
              + text
              + "'",
          e);
    }
  }

  /** The configured genesis, or the one in {@code dataDir} (written now if there is none). */
  public static Instant resolve(Optional<String> configured, Path dataDir, Instant now) {
    if (configured.isPresent() && !configured.get().isBlank()) {
      return parse(configured.get());
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        try {
          Files.writeString(
              file,
              now.truncatedTo(ChronoUnit.SECONDS) + "\n",
              StandardCharsets.US_ASCII,
              java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException raced) {
          // another start wrote it first: use theirs
        }
      }
      return parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the genesis file " + file, e);
    }
  }
}
