package dev.cachet.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The generated admin token of a node that has none configured: created once, on first start, with
 * owner-only permissions ({@code rw-------}) from the moment it exists, and read back on every
 * later start. A token file that group or others can read is refused rather than trusted.
 */
public final class AdminTokenFile {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

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
      if (!Files.exists(path)) {
        try {
          return new Loaded(create(AdminToken.generate(random)), true);
        } catch (FileAlreadyExistsException raced) {
          // another process created it between the check and the create: read theirs
        }
      }
      return new Loaded(read(), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + path, e);
    }
  }

  private AdminToken create(String token) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(path, token + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    return AdminToken.of(token);
  }

  private AdminToken read() throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new IllegalStateException(
          "the admin token file "
              + path
              + " is accessible to group or others ("
              + PosixFilePermissions.toString(permissions)
              + "); make it owner-only (chmod 600) or remove it to generate a new one");
    }
    return AdminToken.of(Files.readString(path, StandardCharsets.US_ASCII).strip());
  }

  /** A token read or created, and whether it was created by this call. */
  public record Loaded(AdminToken token, boolean created) {}
}
