package dev.cachet.admin;

import dev.cachet.host.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The generated admin token of a node that has none configured: created once, on first start,
 * owner-only from the moment it exists, and read back on every later start. A token file that group
 * or others can access is refused rather than trusted.
 */
public final class AdminTokenFile {

  private final Path path;

  public AdminTokenFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /**
   * Reads the token, generating and writing it first if the file does not exist.
   *
   * @return the token and whether this call created it
   */
  public Loaded loadOrCreate(SecureRandom random) {
    try {
      boolean created = OwnerOnlyFile.createIfAbsent(path, () -> AdminToken.generate(random));
      return new Loaded(read(), created);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + path, e);
    }
  }

  private AdminToken read() throws IOException {
    if (!OwnerOnlyFile.isOwnerOnly(path)) {
      throw new IllegalStateException(
          "the admin token file "
              + path
              + " is accessible to group or others ("
              + OwnerOnlyFile.permissions(path)
              + "); make it owner-only (chmod 600) or remove it to generate a new one");
    }
    return AdminToken.of(Files.readString(path, StandardCharsets.US_ASCII).strip());
  }

  /** A token read or created, and whether it was created by this call. */
  public record Loaded(AdminToken token, boolean created) {}
}
