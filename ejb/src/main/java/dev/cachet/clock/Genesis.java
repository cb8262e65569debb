package dev.cachet.clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The chain's genesis time as configured ({@code cachet.chain.genesis-time}, an ISO-8601 instant or
 * Unix seconds). A 0.1.0 node kept an unconfigured genesis in a file of its data directory; it is
 * read once, when the database has no chain yet ({@link ChainAgreement}).
 */
public final class Genesis {

  /** The file, in a 0.1.0 node's data directory, that held a local chain's genesis. */
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

  /** The genesis a 0.1.0 node kept in {@code dataDir}, if there is that file. */
  public static Optional<Instant> legacyFile(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(Files.readString(file, StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the genesis file " + file, e);
    }
  }
}
