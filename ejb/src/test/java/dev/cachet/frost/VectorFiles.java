package dev.cachet.frost;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the published vectors at test time: the test resources under {@value #DIRECTORY} (copied
 * from RFC 9591's JSON, see the README there), so that a clone of the repository alone runs them.
 * Fails loudly when one is missing: known-answer tests must never pass by finding nothing.
 */
final class VectorFiles {

  static final String DIRECTORY = "/vectors/frost";

  private VectorFiles() {}

  static Path frostDirectory() {
    URL url = VectorFiles.class.getResource(DIRECTORY);
    if (url == null) {
      return fail("FROST vectors not found: no " + DIRECTORY + " on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path frost(String fileName) {
    Path file = frostDirectory().resolve(fileName);
    if (!Files.isRegularFile(file)) {
      fail("missing vector file " + file);
    }
    return file;
  }

  /** Every FROST vector file, parsed. */
  static Stream<FrostVector> allFrostVectors() {
    try (Stream<Path> files = Files.list(frostDirectory())) {
      List<FrostVector> vectors =
          files
              .filter(f -> f.toString().endsWith(".json"))
              .sorted()
              .map(FrostVector::read)
              .toList();
      if (vectors.isEmpty()) {
        fail("no vector files in " + frostDirectory());
      }
      return vectors.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
