package dev.cachet.frost;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the published vectors at test time: {@code ../shared/vectors/frost} relative to the project
 * root, found by walking up from the working directory (Maven runs tests in the module directory),
 * or the directory named by the system property {@value #PROPERTY}. Fails loudly when they are
 * missing: known-answer tests must never pass by finding nothing.
 */
final class VectorFiles {

  static final String PROPERTY = "cachet.vectors.dir";

  private VectorFiles() {}

  static Path frostDirectory() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null) {
      Path dir = Path.of(configured).resolve("frost");
      if (!Files.isDirectory(dir)) {
        fail("-D" + PROPERTY + "=" + configured + " has no frost/ directory");
      }
      return dir;
    }
    List<Path> tried = new ArrayList<>();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/vectors/frost").normalize();
      tried.add(candidate);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return fail("FROST vectors not found; looked for " + tried + " (or set -D" + PROPERTY + ")");
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
