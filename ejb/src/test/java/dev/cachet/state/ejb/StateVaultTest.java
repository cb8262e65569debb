package dev.cachet.state.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.persistence.StateRecordEntity;
import dev.cachet.state.CommandKeyProvider;
import dev.cachet.state.HighWaterMarks;
import dev.cachet.state.KeyProvider;
import dev.cachet.state.MarkerExistsException;
import dev.cachet.state.RecordInfo;
import dev.cachet.state.StateKey;
import dev.cachet.state.StateKeyUnavailableException;
import dev.cachet.state.StateStore;
import dev.cachet.state.StateVault;
import dev.cachet.state.StoredRecord;
import dev.cachet.state.UpdateOutcome;
import dev.cachet.state.VaultObserver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault over the real persistence unit on H2. */
class StateVaultTest {

  @TempDir Path dir;

  private TestDatabase database;
  private StateStore store;
  private final SwitchableKey key = new SwitchableKey(1);

  @BeforeEach
  void open() {
    database = TestDatabase.h2("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    store = new LocalTransactionStateStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private StateVault vault(Optional<KeyProvider> previous) {
    return new StateVault(
        store,
        key,
        previous,
        HighWaterMarks.open(dir.resolve("state.hwm")),
        VaultObserver.NONE,
        new SecureRandom());
  }

  private StateVault vault() {
    return vault(Optional.empty());
  }

  static byte[] counter(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  static long counterOf(Optional<byte[]> bytes) {
    return bytes.map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
  }

  static Optional<byte[]> increment(Optional<byte[]> current) {
    return Optional.of(counter(counterOf(current) + 1));
  }

  @Test
  void storesRecordsEncryptedAndReadsThemBack() {
    StateVault vault = vault();
    UpdateOutcome first = vault.update("keys/1/attestation", StateVaultTest::increment);
    UpdateOutcome second = vault.update("keys/1/attestation", StateVaultTest::increment);

    assertThat(first.generation()).isEqualTo(1);
    assertThat(second.generation()).isEqualTo(2);
    assertThat(counterOf(vault.read("keys/1/attestation"))).isEqualTo(2);
    assertThat(counterOf(vault().read("keys/1/attestation"))).isEqualTo(2);

    RecordInfo info = vault.list().get(0);
    assertThat(info.name()).isEqualTo("keys/1/attestation");
    assertThat(info.generation()).isEqualTo(2);
    assertThat(info.keyId()).isEqualTo(key.currentId());
    assertThat(info.provider()).isEqualTo("env");
    byte[] atRest = store.load("keys/1/attestation").orElseThrow().envelope().ciphertext();
    assertThat(new String(atRest, StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(counter(2), StandardCharsets.ISO_8859_1));
  }

  @Test
  void aNoChangeUpdatePersistsNothingAndResolvesNoKey() {
    StateVault vault = vault();
    vault.update("r", StateVaultTest::increment);
    int resolutions = key.resolutions.get();
    key.fail(true);

    UpdateOutcome replay = vault.update("r", current -> Optional.empty());

    assertThat(replay.persisted()).isFalse();
    assertThat(replay.generation()).isEqualTo(1);
    assertThat(counterOf(vault.read("r"))).isEqualTo(1);
    assertThat(key.resolutions.get()).isEqualTo(resolutions);
  }

  @Test
  void aKeyOutageFailsARealUpdateAndChangesNothing() {
    StateVault vault = vault();
    vault.update("r", StateVaultTest::increment);
    StoredRecord before = store.load("r").orElseThrow();
    key.fail(true);

    assertThatThrownBy(() -> vault.update("r", StateVaultTest::increment))
        .isInstanceOf(StateKeyUnavailableException.class)
        .extracting("code")
        .isEqualTo("STATE_KEY_UNAVAILABLE");

    assertThat(store.load("r").orElseThrow().envelope()).isEqualTo(before.envelope());
    assertThat(counterOf(vault.read("r"))).isEqualTo(1);
    key.fail(false);
    assertThat(vault.update("r", StateVaultTest::increment).generation()).isEqualTo(2);
  }

  @Test
  void aKeyCommandThatExitsSevenFailsOnlyRealUpdates() throws Exception {
    Path kms = dir.resolve("kms.sh");
    Files.writeString(kms, "echo " + HexFormat.of().formatHex(SwitchableKey.bytes(3)) + "\n");
    StateVault vault =
        new StateVault(
            store,
            new CommandKeyProvider("sh '" + kms + "'", Duration.ofSeconds(10), Thread::new),
            Optional.empty(),
            HighWaterMarks.open(dir.resolve("state.hwm")),
            VaultObserver.NONE,
            new SecureRandom());
    vault.update("r", StateVaultTest::increment);
    StoredRecord before = store.load("r").orElseThrow();
    Files.writeString(kms, "exit 7\n"); // the KMS is down

    assertThat(counterOf(vault.read("r"))).isEqualTo(1);
    assertThat(vault.update("r", current -> Optional.empty()).persisted()).isFalse();
    assertThat(vault.currentKeyAvailable()).isFalse();
    assertThatThrownBy(() -> vault.update("r", StateVaultTest::increment))
        .isInstanceOf(StateKeyUnavailableException.class)
        .hasMessageContaining("status 7")
        .extracting("code")
        .isEqualTo("STATE_KEY_UNAVAILABLE");
    assertThat(store.load("r").orElseThrow().envelope()).isEqualTo(before.envelope());
    assertThat(counterOf(vault.read("r"))).isEqualTo(1);
  }

  @Test
  void everyWriteUsesTheKeyCurrentWhenItWrites() {
    StateVault vault = vault();
    vault.update("r", StateVaultTest::increment);
    key.rotateTo(2);
    vault.update("r", StateVaultTest::increment);

    assertThat(store.load("r").orElseThrow().envelope().keyId()).isEqualTo(key.currentId());
  }

  @Test
  void withoutTheOldKeyLoadingFailsClosedAndOverwritesNothing() {
    vault().update("r", StateVaultTest::increment);
    String oldId = key.currentId();
    key.rotateTo(2);
    StateVault restarted = vault();

    assertThatThrownBy(() -> restarted.read("r"))
        .extracting("code")
        .isEqualTo("STATE_KEY_MISMATCH");
    assertThatThrownBy(() -> restarted.update("r", StateVaultTest::increment))
        .hasMessageContaining(oldId)
        .hasMessageContaining(key.currentId());
    assertThat(store.load("r").orElseThrow().envelope().keyId()).isEqualTo(oldId);
  }

  @Test
  void thePreviousKeyOpensOldRecordsAndTheNextWriteRewrapsThem() {
    vault().update("a", StateVaultTest::increment);
    vault().update("b", StateVaultTest::increment);
    key.rotateTo(2);
    StateVault restarted = vault(Optional.of(new SwitchableKey(1)));

    assertThat(counterOf(restarted.read("a"))).isEqualTo(1);
    restarted.update("a", StateVaultTest::increment);
    assertThat(store.load("a").orElseThrow().envelope().keyId()).isEqualTo(key.currentId());

    assertThat(restarted.rewrap()).isEqualTo(1); // only "b" was still under the old key
    assertThat(restarted.rewrap()).isZero();
    assertThat(restarted.list()).extracting(RecordInfo::keyId).containsOnly(key.currentId());
    assertThat(counterOf(vault().read("b"))).isEqualTo(1); // loads with the new key alone
  }

  @Test
  void anAlteredRecordFailsClosedAndIsReportedUntilItOpensAgain() {
    vault().update("r", StateVaultTest::increment);
    StateStore honest = store;
    boolean[] altered = {true};
    store =
        new StateStore() {
          @Override
          public java.util.List<StoredRecord> loadAll() {
            return honest.loadAll();
          }

          @Override
          public Optional<StoredRecord> load(String name) {
            return honest.load(name).map(r -> altered[0] ? flipped(r) : r);
          }

          @Override
          public <S extends Sealed> Written<S> write(
              String name, Optional<String> marker, Sealer<S> sealer) {
            return honest.write(name, marker, sealer);
          }

          @Override
          public boolean markerExists(String marker) {
            return honest.markerExists(marker);
          }
        };
    StateVault vault = vault();

    assertThatThrownBy(() -> vault.read("r"))
        .isInstanceOfSatisfying(
            dev.cachet.error.CorruptStateException.class,
            e -> assertThat(e.code()).isEqualTo("STATE_AUTHENTICATION_FAILED"));
    assertThat(vault.corruptRecords()).containsEntry("r", "STATE_AUTHENTICATION_FAILED");
    assertThatThrownBy(() -> vault.update("r", StateVaultTest::increment))
        .isInstanceOf(dev.cachet.error.CorruptStateException.class);
    assertThat(honest.load("r").orElseThrow().generation()).isEqualTo(1);

    altered[0] = false; // the operator restored the row
    assertThat(counterOf(vault.read("r"))).isEqualTo(1);
    assertThat(vault.corruptRecords()).isEmpty();
  }

  private static StoredRecord flipped(StoredRecord stored) {
    dev.cachet.state.Envelope e = stored.envelope();
    byte[] ciphertext = e.ciphertext();
    ciphertext[0] ^= 1;
    return new StoredRecord(
        stored.name(),
        new dev.cachet.state.Envelope(
            e.schemaVersion(),
            e.algorithm(),
            e.provider(),
            e.keyId(),
            e.generation(),
            e.nonce(),
            ciphertext),
        stored.updatedAt());
  }

  @Test
  void recordsAMarkerWithItsWriteAndRefusesItTwice() {
    StateVault vault = vault();
    vault.update("frost/session", "frost/nonce/1", StateVaultTest::increment);

    assertThat(vault.markerExists("frost/nonce/1")).isTrue();
    assertThatThrownBy(
            () -> vault.update("frost/session", "frost/nonce/1", StateVaultTest::increment))
        .isInstanceOf(MarkerExistsException.class);
    assertThat(counterOf(vault.read("frost/session"))).isEqualTo(1);
  }

  @Test
  void aPersistFailureAfterTheMarkerInsertLeavesNoMarkerBehind() {
    vault().update("frost/session", StateVaultTest::increment);
    store =
        new LocalTransactionStateStore(
            database,
            (em, clock) ->
                new JpaStateRows(em, clock) {
                  @Override
                  protected void persistEnvelope(StateRecordEntity row, StoredRecord stored) {
                    throw new IllegalStateException("injected: disk full");
                  }
                });
    StateVault vault = vault();

    assertThatThrownBy(
            () -> vault.update("frost/session", "frost/nonce/9", StateVaultTest::increment))
        .hasMessageContaining("injected");

    assertThat(vault.markerExists("frost/nonce/9")).isFalse();
    assertThat(counterOf(vault.read("frost/session"))).isEqualTo(1);
    assertThat(store.load("frost/session").orElseThrow().generation()).isEqualTo(1);
  }

  @Test
  void serialisesConcurrentWritersToOneRecord() throws Exception {
    StateVault vault = vault();
    int threads = 8;
    int each = 100;
    Thread[] writers = new Thread[threads];
    AtomicInteger failures = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      writers[t] =
          new Thread(
              () -> {
                for (int i = 0; i < each; i++) {
                  try {
                    vault.update("r", StateVaultTest::increment);
                  } catch (RuntimeException e) {
                    failures.incrementAndGet();
                  }
                }
              },
              "writer-" + t);
      writers[t].start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    assertThat(failures).hasValue(0);
    assertThat(counterOf(vault().read("r"))).isEqualTo(threads * each);
    assertThat(store.load("r").orElseThrow().generation()).isEqualTo(threads * each);
  }

  /** A key provider named "env" whose key a test can rotate or make unavailable. */
  static final class SwitchableKey implements KeyProvider {
    private volatile byte[] key;
    private volatile boolean failing;
    final AtomicInteger resolutions = new AtomicInteger();

    SwitchableKey(int seed) {
      rotateTo(seed);
    }

    void rotateTo(int seed) {
      key = bytes(seed);
    }

    static byte[] bytes(int seed) {
      byte[] bytes = new byte[StateKey.LENGTH];
      new Random(seed).nextBytes(bytes);
      return bytes;
    }

    void fail(boolean failing) {
      this.failing = failing;
    }

    String currentId() {
      try (StateKey k = StateKey.of(key)) {
        return k.id();
      }
    }

    @Override
    public String name() {
      return "env";
    }

    @Override
    public StateKey resolve() {
      resolutions.incrementAndGet();
      if (failing) {
        throw new StateKeyUnavailableException("test provider told to fail");
      }
      return StateKey.of(key);
    }
  }
}
