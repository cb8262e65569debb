package dev.cachet.keys;

import dev.cachet.clock.SlotClock;
import dev.cachet.state.EnvKeyProvider;
import dev.cachet.state.HighWaterMarks;
import dev.cachet.state.StateVault;
import dev.cachet.state.VaultObserver;
import dev.cachet.state.ejb.LocalTransactionStateStore;
import dev.cachet.state.ejb.TestDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's key manager over the real vault on H2, with a clock and an executor the test drives.
 * Restarting makes a new manager (and vault) over the same database, window store and state key.
 */
final class KeyTestNode {

  static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");

  final TestDatabase database;
  final Path dir;
  final ManualExecutor pool = new ManualExecutor();
  final MutableClock clock = new MutableClock(GENESIS);
  final Map<String, String> env = new ConcurrentHashMap<>();
  final KeyManager keys;
  final int maxQueued;

  KeyTestNode(TestDatabase database, Path dir) {
    this(database, dir, PreparationSettings.DEFAULT_MAX_QUEUED);
  }

  KeyTestNode(TestDatabase database, Path dir, int maxQueued) {
    this.database = database;
    this.dir = dir;
    this.maxQueued = maxQueued;
    byte[] key = new byte[32];
    new Random(5).nextBytes(key);
    env.put("CACHET_STATE_KEY_HEX", HexFormat.of().formatHex(key));
    this.keys = manager();
  }

  private KeyTestNode(KeyTestNode before) {
    this.database = before.database;
    this.dir = before.dir;
    this.maxQueued = before.maxQueued;
    this.env.putAll(before.env);
    this.clock.set(before.clock.instant());
    this.keys = manager();
  }

  /** The same node after a restart: same database and key, nothing in memory. */
  KeyTestNode restarted() {
    return new KeyTestNode(this);
  }

  StateVault vault;

  /**
   * Runs whenever the vault resolves the state key: at the persist site of every write, so a test
   * can look at the node in the middle of a write (a generated key's record being stored, say).
   */
  volatile Runnable onStateKeyResolved = () -> {};

  private KeyManager manager() {
    vault =
        new StateVault(
            new LocalTransactionStateStore(database),
            new EnvKeyProvider(
                "CACHET_STATE_KEY_HEX",
                name -> {
                  onStateKeyResolved.run();
                  return Optional.ofNullable(env.get(name));
                }),
            Optional.empty(),
            HighWaterMarks.open(dir.resolve("state.hwm")),
            VaultObserver.NONE,
            new SecureRandom());
    WindowStore windows = new LocalTransactionWindowStore(database);
    return new KeyManager(
        vault,
        windows,
        new SlotClock(GENESIS, Duration.ofSeconds(1), clock),
        clock,
        pool,
        new PreparationSettings(1, OptionalLong.empty(), maxQueued),
        KeyObserver.NONE,
        new SecureRandom());
  }

  /** A message to sign, fixed by {@code seed}. */
  static SigningMessage message(int seed) {
    byte[] bytes = new byte[32];
    new Random(seed).nextBytes(bytes);
    return SigningMessage.of(bytes);
  }

  void atSlot(long slot) {
    clock.set(GENESIS.plusSeconds(slot));
  }

  /** A clock the test sets. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
