package dev.cachet.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The env, file and command providers, and how the configuration selects them. */
class KeyProvidersTest {

  @TempDir Path dir;

  private static final String HEX = HexFormat.of().formatHex(TestKeys.bytes(7));

  private static String idOf(String hex) {
    try (StateKey key = StateKey.of(HexFormat.of().parseHex(hex))) {
      return key.id();
    }
  }

  private Path ownerOnly(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static StateKeySettings config(Map<String, String> values) {
    return TestSettings.of(values);
  }

  @Test
  void envProviderReadsTheVariable() {
    KeyProvider env = new EnvKeyProvider("K", name -> Optional.of(HEX + "\n"));
    try (StateKey key = env.resolve()) {
      assertThat(key.id()).isEqualTo(idOf(HEX));
    }
    assertThat(env.name()).isEqualTo("env");
  }

  @Test
  void envProviderReportsAMissingVariable() {
    assertThatThrownBy(() -> new EnvKeyProvider("K", name -> Optional.empty()).resolve())
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("K is not set");
  }

  @Test
  void malformedKeysAreReportedWithoutTheirText() {
    String short63 = HEX.substring(1);
    String nonHex = "zz" + HEX.substring(2);
    assertThatThrownBy(() -> new EnvKeyProvider("K", n -> Optional.of(short63)).resolve())
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("63 characters")
        .hasMessageNotContaining(short63.substring(0, 16));
    assertThatThrownBy(() -> new EnvKeyProvider("K", n -> Optional.of(nonHex)).resolve())
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("not hexadecimal")
        .hasMessageNotContaining(HEX.substring(2, 18));
  }

  @Test
  void fileProviderReadsAnOwnerOnlyFile() throws IOException {
    Path file = ownerOnly("state.key", HEX + "\n");
    try (StateKey key = new FileKeyProvider(file).resolve()) {
      assertThat(key.id()).isEqualTo(idOf(HEX));
    }
  }

  @Test
  void fileProviderRefusesAFileOthersCanRead() throws IOException {
    Path file = ownerOnly("state.key", HEX);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> new FileKeyProvider(file).resolve())
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("group or others")
        .hasMessageContaining("rw-r--r--");
  }

  @Test
  void fileProviderReportsMissingMalformedAndOversizedFiles() throws IOException {
    assertThatThrownBy(() -> new FileKeyProvider(dir.resolve("absent")).resolve())
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("does not exist");
    Path malformed = ownerOnly("malformed", HEX + HEX);
    assertThatThrownBy(() -> new FileKeyProvider(malformed).resolve())
        .hasMessageContaining("128 characters")
        .hasMessageNotContaining(HEX);
    Path large = ownerOnly("large", "0".repeat(4096));
    assertThatThrownBy(() -> new FileKeyProvider(large).resolve())
        .hasMessageContaining("too large");
  }

  @Test
  void commandProviderReadsTheCommandsOutputAndFollowsARotation() throws IOException {
    Path file = ownerOnly("kms", HEX + "\n");
    KeyProvider command =
        new CommandKeyProvider("cat '" + file + "'", Duration.ofSeconds(10), Thread::new);
    try (StateKey key = command.resolve()) {
      assertThat(key.id()).isEqualTo(idOf(HEX));
    }
    String rotated = HexFormat.of().formatHex(TestKeys.bytes(8));
    Files.writeString(file, rotated);
    try (StateKey key = command.resolve()) {
      assertThat(key.id()).isEqualTo(idOf(rotated));
    }
  }

  @Test
  void commandProviderTreatsANonZeroExitAsUnavailable() {
    KeyProvider command =
        new CommandKeyProvider(
            "echo " + HEX + "; echo oops >&2; exit 7", Duration.ofSeconds(10), Thread::new);
    assertThatThrownBy(command::resolve)
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("status 7")
        .hasMessageNotContaining(HEX);
  }

  @Test
  void commandProviderRefusesMalformedOrExcessiveOutput() {
    assertThatThrownBy(
            () ->
                new CommandKeyProvider("echo nope", Duration.ofSeconds(10), Thread::new).resolve())
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("output of the key command");
    assertThatThrownBy(
            () ->
                new CommandKeyProvider(
                        "head -c 100000 /dev/zero", Duration.ofSeconds(10), Thread::new)
                    .resolve())
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("more than");
    assertThatThrownBy(
            () ->
                new CommandKeyProvider("/nonexistent/kms-tool", Duration.ofSeconds(10), Thread::new)
                    .resolve())
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("status 127");
  }

  @Test
  void aTimedOutCommandIsKilledWithAllItsDescendants() throws Exception {
    String marker = "1" + System.nanoTime() % 100_000 + ".25"; // unique sleep argument
    Path pids = dir.resolve("pids");
    // The shell starts a child that ignores SIGTERM and sleeps, then sleeps itself.
    String command =
        "sh -c 'trap \"\" TERM; sleep " + marker + "' & echo $! > '" + pids + "'; sleep " + marker;
    KeyProvider slow = new CommandKeyProvider(command, Duration.ofSeconds(1), Thread::new);

    assertThatThrownBy(slow::resolve)
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("did not finish within 1 s");

    long child = Long.parseLong(Files.readString(pids).strip());
    assertThat(ProcessHandle.of(child).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(
            ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(marker)))
        .isEmpty();
  }

  @Test
  void commandTimeoutIsClampedToOneThroughThreeHundredSeconds() {
    assertThat(new CommandKeyProvider("true", Duration.ZERO, Thread::new).timeout()).hasSeconds(1);
    assertThat(new CommandKeyProvider("true", Duration.ofHours(1), Thread::new).timeout())
        .hasSeconds(300);
    assertThat(new CommandKeyProvider("true", Duration.ofSeconds(42), Thread::new).timeout())
        .hasSeconds(42);
  }

  @Test
  void configurationSelectsTheProvider() {
    EnvLookup env = name -> Optional.empty();
    assertThat(
            KeyProviders.current(config(Map.of(KeyProviders.PROVIDER, "env")), env, Thread::new)
                .name())
        .isEqualTo("env");
    assertThat(
            KeyProviders.current(
                    config(Map.of(KeyProviders.PROVIDER, "file", KeyProviders.KEY_FILE, "/k")),
                    env,
                    Thread::new)
                .name())
        .isEqualTo("file");
    KeyProvider command =
        KeyProviders.current(
            config(
                Map.of(
                    KeyProviders.PROVIDER, "command",
                    KeyProviders.KEY_COMMAND, "cat /k",
                    KeyProviders.KEY_COMMAND_TIMEOUT, "1000")),
            env,
            Thread::new);
    assertThat(((CommandKeyProvider) command).timeout()).hasSeconds(300);
  }

  @Test
  void configurationErrorsNameTheKeyToFix() {
    EnvLookup env = name -> Optional.empty();
    assertThatThrownBy(
            () ->
                KeyProviders.current(
                    config(Map.of(KeyProviders.PROVIDER, "vault")), env, Thread::new))
        .hasMessageContaining("env, file or command");
    assertThatThrownBy(
            () ->
                KeyProviders.current(
                    config(Map.of(KeyProviders.PROVIDER, "command")), env, Thread::new))
        .hasMessageContaining(KeyProviders.KEY_COMMAND);
    assertThatThrownBy(
            () ->
                KeyProviders.current(
                    config(
                        Map.of(
                            KeyProviders.PROVIDER, "command",
                            KeyProviders.KEY_COMMAND, "true",
                            KeyProviders.KEY_COMMAND_TIMEOUT, "soon")),
                    env,
                    Thread::new))
        .hasMessageContaining(KeyProviders.KEY_COMMAND_TIMEOUT);
  }

  @Test
  void blankSettingsAreUnsetAndTheTimeoutMayHaveBlanks() {
    assertThat(KeyCommandTimeout.parse(" 42 ").duration()).hasSeconds(42);
    assertThat(KeyCommandTimeout.parse("0").duration()).isZero();
    StateKeySettings blank =
        config(
            Map.of(
                KeyProviders.PROVIDER, " command ",
                KeyProviders.KEY_COMMAND, "  ",
                KeyProviders.KEY_COMMAND_TIMEOUT, "0",
                KeyProviders.PREVIOUS_KEY_FILE, " "));
    assertThat(blank.provider()).isEqualTo("command");
    assertThat(blank.keyCommand()).isEmpty();
    assertThat(blank.previousKeyFile()).isEmpty();
    assertThat(blank.commandTimeout()).hasSeconds(1);
    assertThatThrownBy(() -> KeyProviders.current(blank, name -> Optional.empty(), Thread::new))
        .hasMessageContaining(KeyProviders.KEY_COMMAND);
    assertThat(
            KeyProviders.current(
                    config(Map.of(KeyProviders.KEY_FILE, "/k")), n -> null, Thread::new)
                .name())
        .isEqualTo("file");
  }

  @Test
  void atMostOnePreviousKeySourceIsAccepted() {
    EnvLookup withPrevious =
        name -> name.equals(KeyProviders.PREVIOUS_KEY_ENV) ? Optional.of(HEX) : Optional.empty();
    assertThat(KeyProviders.previous(config(Map.of()), name -> Optional.empty(), Thread::new))
        .isEmpty();
    assertThat(
            KeyProviders.previous(config(Map.of()), withPrevious, Thread::new).orElseThrow().name())
        .isEqualTo("env");
    assertThat(
            KeyProviders.previous(
                    config(Map.of(KeyProviders.PREVIOUS_KEY_COMMAND, "cat /old")),
                    name -> Optional.empty(),
                    Thread::new)
                .orElseThrow()
                .name())
        .isEqualTo("command");
    assertThatThrownBy(
            () ->
                KeyProviders.previous(
                    config(Map.of(KeyProviders.PREVIOUS_KEY_FILE, "/old")),
                    withPrevious,
                    Thread::new))
        .hasMessageContaining("at most one previous state key");
  }
}
