package dev.cachet.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory is reachable by its owner only, whether new or left wider by an older node.
 */
class DataDirectoryTest {

  @TempDir Path tmp;

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private Path file(Path dir, String name, String permissions) throws IOException {
    Path file = Files.writeString(dir.resolve(name), name);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  @Test
  void createsAMissingDirectoryOwnerOnlyAndItsParentsAsUsual() throws IOException {
    Path configured = tmp.resolve("parent/cachet-data");

    DataDirectory dir = DataDirectory.open(configured);

    assertThat(dir.path()).isEqualTo(configured.toAbsolutePath());
    assertThat(permissions(configured)).isEqualTo("rwx------");
    assertThat(permissions(tmp.resolve("parent"))).isNotEqualTo("rwx------");
  }

  @Test
  void tightensAWiderDirectoryAndTheStorageFilesInIt() throws IOException {
    Path configured = Files.createDirectory(tmp.resolve("cachet-data"));
    Files.setPosixFilePermissions(configured, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path database = file(configured, "cachet.mv.db", "rw-r--r--");
    Path trace = file(configured, "cachet.trace.db", "rw-rw-rw-");
    Path marks = file(configured, "state.hwm", "rw-r-----");

    DataDirectory.open(configured);

    assertThat(permissions(configured)).isEqualTo("rwx------");
    assertThat(permissions(database)).isEqualTo("rw-------");
    assertThat(permissions(trace)).isEqualTo("rw-------");
    assertThat(permissions(marks)).isEqualTo("rw-------");
  }

  @Test
  void leavesSecretsAndOtherFilesToTheirOwnRules() throws IOException {
    Path configured = Files.createDirectory(tmp.resolve("cachet-data"));
    Path token = file(configured, "admin.token", "rw-r--r--");
    Path key = file(configured, "state.key", "rw-r--r--");

    DataDirectory.open(configured);

    // Refused at use, never repaired: a secret others could read may already have leaked.
    assertThat(permissions(token)).isEqualTo("rw-r--r--");
    assertThat(permissions(key)).isEqualTo("rw-r--r--");
  }

  @Test
  void tightensStorageFilesCreatedAfterTheStart() throws IOException {
    DataDirectory dir = DataDirectory.open(tmp.resolve("cachet-data"));
    Path database = file(dir.path(), "cachet.mv.db", "rw-r--r--");

    dir.tightenStorageFiles();

    assertThat(permissions(database)).isEqualTo("rw-------");
  }

  @Test
  void refusesAFileWhereTheDirectoryShouldBe() throws IOException {
    Path configured = Files.writeString(tmp.resolve("cachet-data"), "");

    assertThatThrownBy(() -> DataDirectory.open(configured))
        .isInstanceOf(NotDirectoryException.class)
        .hasMessageContaining("cachet.data-dir");
  }
}
