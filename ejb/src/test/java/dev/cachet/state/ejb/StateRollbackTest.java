package dev.cachet.state.ejb;

import static dev.cachet.state.ejb.StateVaultTest.counterOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.state.HighWaterMarks;
import dev.cachet.state.StateRollbackException;
import dev.cachet.state.StateVault;
import dev.cachet.state.VaultObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database file restored from an older copy is noticed at start through the high-water marks. */
class StateRollbackTest {

  @TempDir Path dir;

  private final StateVaultTest.SwitchableKey key = new StateVaultTest.SwitchableKey(1);

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("db").resolve("cachet");
  }

  private Path databaseFile() {
    return dir.resolve("db").resolve("cachet.mv.db");
  }

  /** Starts a node on the database file, lets {@code work} use its vault, and stops the node. */
  private void withNode(Consumer<StateVault> work) {
    try (TestDatabase database = TestDatabase.h2(url())) {
      StateVault vault =
          new StateVault(
              new LocalTransactionStateStore(database),
              key,
              Optional.empty(),
              HighWaterMarks.open(dir.resolve("state.hwm")),
              VaultObserver.NONE,
              new SecureRandom());
      work.accept(vault);
    }
  }

  @Test
  void refusesRecordsOfADatabaseRestoredFromAnOlderCopyUntilAccepted() throws Exception {
    withNode(vault -> vault.update("keys/1/attestation", StateVaultTest::increment));
    Path backup = dir.resolve("backup.mv.db");
    Files.copy(databaseFile(), backup);
    withNode(
        vault -> {
          vault.update("keys/1/attestation", StateVaultTest::increment);
          vault.update("keys/1/attestation", StateVaultTest::increment);
        });
    Files.copy(backup, databaseFile(), StandardCopyOption.REPLACE_EXISTING);

    withNode(
        vault -> {
          List<StateRollbackException> found = vault.checkRollback(false);
          assertThat(found).hasSize(1);
          assertThat(found.get(0))
              .hasMessageContaining("restored from an older backup")
              .hasMessageContaining("cachet.state.accept-rollback=true");
          assertThatThrownBy(() -> vault.read("keys/1/attestation"))
              .isInstanceOf(StateRollbackException.class);
          assertThatThrownBy(() -> vault.update("keys/1/attestation", StateVaultTest::increment))
              .extracting("code")
              .isEqualTo("STATE_ROLLBACK");
        });

    withNode(
        vault -> {
          assertThat(vault.checkRollback(true)).hasSize(1);
          assertThat(counterOf(vault.read("keys/1/attestation"))).isEqualTo(1);
          assertThat(vault.update("keys/1/attestation", StateVaultTest::increment).generation())
              .isEqualTo(2);
        });
    withNode(vault -> assertThat(vault.checkRollback(false)).isEmpty());
  }

  @Test
  void refusesARecordThatVanishedFromTheDatabase() {
    withNode(vault -> vault.update("gone", StateVaultTest::increment));
    try (TestDatabase database = TestDatabase.h2(url())) {
      database.inTransaction(
          em -> em.createQuery("DELETE FROM StateRecordEntity r").executeUpdate());
    }
    withNode(
        vault -> {
          assertThat(vault.checkRollback(false)).hasSize(1);
          assertThatThrownBy(() -> vault.read("gone")).isInstanceOf(StateRollbackException.class);
        });
  }
}
