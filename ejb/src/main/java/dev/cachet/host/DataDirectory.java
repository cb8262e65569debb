package dev.cachet.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The node's data directory ({@code cachet.data-dir}) is reachable by its owner only ({@code
 * rwx------}): H2 creates its files with whatever the process's umask allows, so only the directory
 * keeps them from other users. A directory that exists with wider permissions is tightened at
 * start, and so are the node's storage files in it (the database's {@code cachet.*.db} and {@code
 * state.hwm}, e.g. from an older node). The secrets (admin token, state key) are not repaired here:
 * they are refused when others may read them. On a file system without POSIX permissions nothing is
 * changed.
 */
public final class DataDirectory {

  /** The files the node's storage writes in the directory, tightened when others may read them. */
  static final String STORAGE_FILES = "{cachet.*.db,state.hwm}";

  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      EnumSet.complementOf(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));

  private static final Logger LOG = Logger.getLogger(DataDirectory.class.getName());

  private final Path path;

  private DataDirectory(Path path) {
    this.path = path;
  }

  /** The directory at {@code configured}, created owner-only if absent, tightened if wider. */
  public static DataDirectory open(Path configured) throws IOException {
    DataDirectory dir = new DataDirectory(configured.toAbsolutePath().normalize());
    dir.createOrTighten();
    dir.tightenStorageFiles();
    return dir;
  }

  public Path path() {
    return path;
  }

  /** Takes group and others' permissions from the storage files now in the directory. */
  public void tightenStorageFiles() throws IOException {
    if (!posix()) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path, STORAGE_FILES)) {
      for (Path file : files) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          tighten(file);
        }
      }
    }
  }

  private void createOrTighten() throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        if (posix()) {
          Files.createDirectory(
              path,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectory(path);
        }
        return;
      } catch (FileAlreadyExistsException raced) {
        // another process created it meanwhile: check it as an existing one
      }
    }
    if (!Files.isDirectory(path)) {
      throw new NotDirectoryException(path + " (cachet.data-dir) is not a directory");
    }
    if (posix()) {
      tighten(path);
    }
  }

  private static void tighten(Path path) throws IOException {
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(path);
    Set<PosixFilePermission> after = EnumSet.noneOf(PosixFilePermission.class);
    after.addAll(before);
    if (!after.removeAll(GROUP_AND_OTHERS)) {
      return;
    }
    Files.setPosixFilePermissions(path, after);
    LOG.info(
        () ->
            path
                + ": permissions "
                + PosixFilePermissions.toString(before)
                + " tightened to "
                + PosixFilePermissions.toString(after)
                + " (owner only)");
  }

  private boolean posix() {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
