package dev.cachet.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A secret the node generates for itself on first start (the admin token, the default state key):
 * created with owner-only permissions ({@code rw-------}) from the moment it exists, so there is no
 * window in which another user could read it, and never overwritten.
 */
public final class OwnerOnlyFile {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFile() {}

  /**
   * Creates {@code path} holding {@code content} and a newline unless it exists.
   *
   * @return true if this call created it
   */
  public static boolean createIfAbsent(Path path, Supplier<String> content) throws IOException {
    if (Files.exists(path)) {
      return false;
    }
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException raced) {
      return false; // another process created it between the check and the create
    }
    Files.writeString(
        path, content.get() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    return true;
  }

  /**
   * The attribute that creates a file at {@code path} owner-only ({@code rw-------}); none on a
   * file system without POSIX permissions.
   */
  public static FileAttribute<?>[] creationAttributes(Path path) {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
  }

  /** Whether only the owner may access {@code path}. */
  public static boolean isOwnerOnly(Path path) throws IOException {
    return OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path));
  }

  /** The permissions of {@code path} in {@code rwxr-x---} form, for messages. */
  public static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
