package dev.cachet.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: a generated owner-only key file in the data directory. */
class DefaultStateKeyTest {

  @TempDir Path dir;

  private static StateKeySettings config(Map<String, String> values) {
    return TestSettings.of(values);
  }

  @Test
  void generatesAnOwnerOnlyKeyFileOnceAndKeepsIt() throws Exception {
    StateKeySettings fileProvider = config(Map.of(KeyProviders.PROVIDER, "file"));

    StateKeySettings prepared = new DefaultStateKey(dir, fileProvider).prepare(new SecureRandom());
    Path file = dir.resolve(DefaultStateKey.FILE_NAME).toAbsolutePath();
    assertThat(prepared.keyFile()).contains(file.toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String id;
    try (StateKey key =
        KeyProviders.current(prepared, name -> Optional.empty(), Thread::new).resolve()) {
      id = key.id();
    }

    new DefaultStateKey(dir, fileProvider).prepare(new SecureRandom());
    try (StateKey key =
        KeyProviders.current(prepared, name -> Optional.empty(), Thread::new).resolve()) {
      assertThat(key.id()).isEqualTo(id);
    }
  }

  @Test
  void leavesAnExplicitConfigurationAlone() {
    StateKeySettings command =
        config(Map.of(KeyProviders.PROVIDER, "command", KeyProviders.KEY_COMMAND, "kms get"));
    StateKeySettings file =
        config(Map.of(KeyProviders.PROVIDER, "file", KeyProviders.KEY_FILE, "/etc/cachet.key"));

    assertThat(new DefaultStateKey(dir, command).prepare(new SecureRandom())).isSameAs(command);
    assertThat(new DefaultStateKey(dir, file).prepare(new SecureRandom())).isSameAs(file);
    assertThat(dir.resolve(DefaultStateKey.FILE_NAME)).doesNotExist();
  }
}
