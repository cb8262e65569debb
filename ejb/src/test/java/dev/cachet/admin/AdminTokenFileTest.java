package dev.cachet.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

  @TempDir Path dir;

  @Test
  void createsAnOwnerOnlyTokenOnFirstStartAndReadsItBackLater() throws Exception {
    Path path = dir.resolve("cachet-data").resolve("admin.token");
    AdminTokenFile file = new AdminTokenFile(path);

    AdminTokenFile.Loaded first = file.loadOrCreate(new SecureRandom());
    String written = Files.readString(path).strip();
    AdminTokenFile.Loaded second = file.loadOrCreate(new SecureRandom());

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
    assertThat(written).matches("[0-9a-f]{64}");
    assertThat(first.token().matches(written)).isTrue();
    assertThat(second.token().matches(written)).isTrue();
  }

  @Test
  void refusesATokenFileOthersCanRead() throws Exception {
    Path path = dir.resolve("admin.token");
    Files.writeString(path, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> new AdminTokenFile(path).loadOrCreate(new SecureRandom()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chmod 600")
        .hasMessageNotContaining("0123456789abcdef");
  }
}
