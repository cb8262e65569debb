package dev.cachet.state.ejb;

import static dev.cachet.state.ejb.StateVaultTest.counterOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.state.CommandKeyProvider;
import dev.cachet.state.HighWaterMarks;
import dev.cachet.state.KeyProvider;
import dev.cachet.state.StateKey;
import dev.cachet.state.StateVault;
import dev.cachet.state.VaultObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race that bricked the signer this vault comes from: a writer holding a key resolved before a
 * rotation winning the last write. Two nodes share one database, four writer threads each, 2,000
 * updates of one record in all, while an operator rotates the {@code command} provider's key (the
 * nodes keep the old key as their decrypt-only previous key, as a rotation is done, since each must
 * still open what the other sealed just before it). The stored envelope must carry the key current
 * at the last write, and a node holding only the new key must load it. Half the runs rotate near
 * the end, where a writer holding a stale key would win the last write. It runs on H2 and on a real
 * PostgreSQL server.
 */
class StateKeyRotationRaceTest {

  private static final int THREADS = 8;
  private static final int UPDATES = 2_000;
  private static final String RECORD = "keys/7/attestation";

  @TempDir Path dir;

  @RepeatedTest(20)
  void theLastWriterEncryptsWithTheKeyCurrentWhenItWrites(RepetitionInfo run) throws Exception {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (TestDatabase database = TestDatabase.h2(url)) {
      race(database, run.getCurrentRepetition());
    }
  }

  /** The same race with the two nodes on one PostgreSQL database (row locks across sessions). */
  @RepeatedTest(6)
  void theLastWriterEncryptsWithTheCurrentKeyOnPostgres(RepetitionInfo run) throws Exception {
    try (TestDatabase database = TestDatabase.postgres()) {
      race(database, run.getCurrentRepetition());
    }
  }

  private void race(TestDatabase database, int repetition) throws Exception {
    Random random = new Random(repetition);
    int rotateAfter =
        repetition % 2 == 0
            ? 1 + random.nextInt(UPDATES - 1)
            : UPDATES - 1 - random.nextInt(THREADS * 2);
    Path runDir = Files.createDirectories(dir.resolve("run-" + UUID.randomUUID()));
    Path keyFile = runDir.resolve("kms.key");
    writeKey(keyFile, 1);
    Path previousKeyFile = runDir.resolve("kms-previous.key");
    writeKey(previousKeyFile, 1);
    KeyProvider kms = commandReading(keyFile);
    Optional<KeyProvider> previous = Optional.of(commandReading(previousKeyFile));
    List<StateVault> nodes =
        List.of(
            node(database, kms, previous, runDir.resolve("node-a.hwm")),
            node(database, kms, previous, runDir.resolve("node-b.hwm")));
    AtomicInteger started = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      StateVault node = nodes.get(t % nodes.size());
      Thread writer =
          new Thread(
              () -> {
                try {
                  go.await();
                  for (int n = started.incrementAndGet();
                      n <= UPDATES;
                      n = started.incrementAndGet()) {
                    if (n == rotateAfter + 1) {
                      writeKey(keyFile, 2); // the operator rotates the KMS key now
                    }
                    node.update(RECORD, StateVaultTest::increment);
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              },
              "writer-" + t);
      writers.add(writer);
      writer.start();
    }
    go.countDown();
    for (Thread writer : writers) {
      writer.join();
    }

    assertThat(failures).isEmpty();
    LocalTransactionStateStore store = new LocalTransactionStateStore(database);
    assertThat(store.load(RECORD).orElseThrow().envelope().keyId()).isEqualTo(idOf(2));
    assertThat(store.load(RECORD).orElseThrow().generation()).isEqualTo(UPDATES);
    StateVault freshNodeWithOnlyTheNewKey =
        node(database, commandReading(keyFile), Optional.empty(), runDir.resolve("fresh.hwm"));
    assertThat(counterOf(freshNodeWithOnlyTheNewKey.read(RECORD))).isEqualTo(UPDATES);
  }

  private StateVault node(
      TestDatabase database, KeyProvider key, Optional<KeyProvider> previous, Path highWater) {
    return new StateVault(
        new LocalTransactionStateStore(database),
        key,
        previous,
        HighWaterMarks.open(highWater),
        VaultObserver.NONE,
        new SecureRandom());
  }

  /** The KMS stand-in: a shell that prints the key file with builtins (no extra process). */
  private static KeyProvider commandReading(Path keyFile) {
    return new CommandKeyProvider(
        "read -r key < '" + keyFile + "' && echo \"$key\"", Duration.ofSeconds(30), Thread::new);
  }

  /** Replaces the key file atomically, as a KMS agent would. */
  private static void writeKey(Path keyFile, int seed) throws IOException {
    Path temp = keyFile.resolveSibling(keyFile.getFileName() + ".new");
    Files.writeString(temp, HexFormat.of().formatHex(bytes(seed)) + "\n");
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static byte[] bytes(int seed) {
    byte[] key = new byte[StateKey.LENGTH];
    new Random(seed).nextBytes(key);
    return key;
  }

  private static String idOf(int seed) {
    try (StateKey key = StateKey.of(bytes(seed))) {
      return key.id();
    }
  }
}
