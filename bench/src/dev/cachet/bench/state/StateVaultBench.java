package dev.cachet.bench.state;

import dev.cachet.persistence.StateRecordEntity;
import dev.cachet.state.CommandKeyProvider;
import dev.cachet.state.EnvKeyProvider;
import dev.cachet.state.HighWaterMarks;
import dev.cachet.state.KeyProvider;
import dev.cachet.state.StateVault;
import dev.cachet.state.VaultObserver;
import dev.cachet.state.ejb.TestDatabase;
import dev.cachet.state.ejb.LocalTransactionStateStore;
import jakarta.persistence.LockModeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;

/**
 * Persists per second of a 1 KiB record: through the vault with the env provider, through JPA
 * without encryption (the same row lock, the same bytes, the same database), and through the vault
 * with a command provider that cats a key file. One process, one H2 file database, rounds
 * interleaved so that drift hits every variant alike.
 */
public final class StateVaultBench {

  private static final int RECORD_BYTES = 1024;

  /** As the node does by default: high-water marks written at most 1 s behind the commits. */
  private static final Duration HIGH_WATER_LAG = Duration.ofSeconds(1);

  private static final ScheduledExecutorService FLUSHER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "high-water-flush");
            t.setDaemon(true);
            return t;
          });

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    double seconds = Double.parseDouble(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Files.createDirectories(work);
    byte[] keyBytes = new byte[32];
    new Random(1).nextBytes(keyBytes);
    String hex = HexFormat.of().formatHex(keyBytes);
    Path keyFile = work.resolve("kms.key");
    Files.writeString(keyFile, hex + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    // As the node runs H2 (DatabaseDurability): every commit reaches the file before it returns.
    String url =
        "jdbc:h2:file:" + work.resolve("db").resolve("bench").toAbsolutePath() + ";WRITE_DELAY=0";

    byte[] payload = new byte[RECORD_BYTES];
    new Random(2).nextBytes(payload);
    try (TestDatabase database = TestDatabase.h2(url)) {
      StateVault envVault =
          vault(database, new EnvKeyProvider("K", n -> Optional.of(hex)), work, "env");
      StateVault commandVault =
          vault(
              database,
              new CommandKeyProvider("cat '" + keyFile + "'", Duration.ofSeconds(30), Thread::new),
              work,
              "command");
      IntConsumer vaultEnv = i -> envVault.update("bench/env", c -> Optional.of(next(payload, i)));
      IntConsumer vaultCommand =
          i -> commandVault.update("bench/command", c -> Optional.of(next(payload, i)));
      IntConsumer plainJpa = i -> plainWrite(database, "bench/plain", next(payload, i));

      System.out.println("warming up (" + seconds + " s each)");
      rate(vaultEnv, seconds);
      rate(plainJpa, seconds);
      rate(vaultCommand, seconds / 2);
      double env = 0;
      double plain = 0;
      double command = 0;
      for (int r = 1; r <= rounds; r++) {
        double e = rate(vaultEnv, seconds);
        double p = rate(plainJpa, seconds);
        double c = rate(vaultCommand, seconds);
        System.out.printf(
            Locale.ROOT, "round %d: vault(env) %.0f/s, plain JPA %.0f/s, vault(command) %.0f/s%n",
            r, e, p, c);
        env += e;
        plain += p;
        command += c;
      }
      env /= rounds;
      plain /= rounds;
      command /= rounds;
      System.out.println();
      System.out.println("| write of a 1 KiB record | persists/s | cost vs plain JPA |");
      System.out.println("| --- | ---: | ---: |");
      row("plain JPA (row lock, no encryption)", plain, plain);
      row("vault, env provider", env, plain);
      row("vault, command provider (cat key file)", command, plain);
      double overhead = plain / env - 1;
      System.out.printf(
          Locale.ROOT,
          "%nvault(env) / plain JPA throughput: %.3f; the vault costs %.1f%% more per write"
              + " (goal: at most 15%%): %s%n",
          env / plain,
          overhead * 100,
          overhead <= 0.15 ? "MET" : "NOT MET");
      System.out.printf(
          Locale.ROOT,
          "resolving the key by command under the guard: %.2f ms per write%n",
          (1000 / command) - (1000 / env));
    }
  }

  private static void row(String what, double rate, double plain) {
    System.out.printf(
        Locale.ROOT, "| %s | %.0f | %+.1f%% |%n", what, rate, (plain / rate - 1) * 100);
  }

  private static StateVault vault(TestDatabase database, KeyProvider key, Path work, String name) {
    return new StateVault(
        new LocalTransactionStateStore(database),
        key,
        Optional.empty(),
        HighWaterMarks.open(work.resolve(name + ".hwm"), FLUSHER, HIGH_WATER_LAG),
        VaultObserver.NONE,
        new SecureRandom());
  }

  private static byte[] next(byte[] payload, int i) {
    byte[] bytes = payload.clone();
    bytes[i % bytes.length] ^= (byte) i;
    bytes[(i >>> 10) % bytes.length] ^= (byte) (i >>> 3);
    return bytes;
  }

  /** The write the vault makes, minus the vault: lock the row, store the bytes, commit. */
  private static void plainWrite(TestDatabase database, String name, byte[] bytes) {
    database.inTransaction(
        em -> {
          StateRecordEntity row =
              em.find(StateRecordEntity.class, name, LockModeType.PESSIMISTIC_WRITE);
          long generation = row == null ? 1 : row.getGeneration() + 1;
          StateRecordEntity target = row == null ? new StateRecordEntity(name) : row;
          target.store(generation, "none", "none", bytes, Instant.now());
          if (row == null) {
            em.persist(target);
          }
          return null;
        });
  }

  private static double rate(IntConsumer write, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    int n = 0;
    while (System.nanoTime() < end) {
      write.accept(n++);
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }
}
