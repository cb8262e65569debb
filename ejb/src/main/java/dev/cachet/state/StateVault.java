package dev.cachet.state;

import dev.cachet.error.ConflictException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The encrypted state vault. Records live decrypted in memory and encrypted in storage; every write
 * to a record is serialised by a per-record lock in this node and the record's row lock in the
 * database, and <em>inside</em> both the state key is resolved, immediately before encrypting. So
 * the last writer always encrypts with the key that was current when it wrote, whatever rotations
 * happened while it waited. Memory changes only after the write committed.
 *
 * <p>A "no change" update persists nothing and resolves no key, so a key-provider outage cannot
 * fail an idempotent replay or a read of state already in memory.
 */
public final class StateVault {

  private static final Logger LOG = Logger.getLogger(StateVault.class.getName());

  /** How often a write is retried when another node wrote the record in between. */
  static final int MAX_ATTEMPTS = 5;

  private final StateStore store;
  private final KeyProvider currentKey;
  private final Optional<KeyProvider> previousKey;
  private final HighWaterMarks highWater;
  private final VaultObserver observer;
  private final EnvelopeCipher cipher;

  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, Plain> memory = new ConcurrentHashMap<>();
  private final Map<String, StateRollbackException> refused = new ConcurrentHashMap<>();

  /** A record's plaintext as last committed, with its generation. */
  private record Plain(byte[] bytes, long generation) {
    static final Plain ABSENT = new Plain(null, 0);

    Optional<byte[]> copy() {
      return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }
  }

  public StateVault(
      StateStore store,
      KeyProvider currentKey,
      Optional<KeyProvider> previousKey,
      HighWaterMarks highWater,
      VaultObserver observer,
      SecureRandom random) {
    this.store = Objects.requireNonNull(store, "store");
    this.currentKey = Objects.requireNonNull(currentKey, "currentKey");
    this.previousKey = Objects.requireNonNull(previousKey, "previousKey");
    this.highWater = Objects.requireNonNull(highWater, "highWater");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.cipher = new EnvelopeCipher(random);
  }

  /**
   * Checks storage against the high-water marks: a record below its mark (or gone) is refused
   * unless {@code acceptRollback}, in which case the marks are reset to what is stored.
   *
   * @return the rollbacks found (refused, or accepted)
   */
  public List<StateRollbackException> checkRollback(boolean acceptRollback) {
    Map<String, Long> stored =
        store.loadAll().stream()
            .collect(Collectors.toMap(StoredRecord::name, StoredRecord::generation));
    List<StateRollbackException> found = new ArrayList<>();
    highWater
        .snapshot()
        .forEach(
            (name, mark) -> {
              long generation = stored.getOrDefault(name, 0L);
              if (generation < mark) {
                StateRollbackException rollback =
                    new StateRollbackException(name, generation, mark);
                found.add(rollback);
                if (!acceptRollback) {
                  refused.put(name, rollback);
                }
              }
            });
    if (acceptRollback && !found.isEmpty()) {
      highWater.resetTo(stored);
    }
    return found;
  }

  /** The record's plaintext (a copy), loading and decrypting it if it is not in memory. */
  public Optional<byte[]> read(String name) {
    RecordNames.check(name);
    Plain cached = memory.get(name);
    if (cached != null) {
      return cached.copy();
    }
    return underLock(name, () -> loaded(name).copy());
  }

  /** Applies {@code update} to the record and persists the result if it changed. */
  public UpdateOutcome update(String name, StateUpdate update) {
    return write(RecordNames.check(name), Optional.empty(), update);
  }

  /**
   * Applies {@code update} and records {@code marker} ("this was consumed") in the same
   * transaction: the key is resolved first, then the marker inserted, then the record persisted. If
   * the persist fails the marker is rolled back with it. With a marker the record is written even
   * when {@code update} makes no change, because the marker must become durable.
   *
   * @throws MarkerExistsException if the marker was recorded before
   */
  public UpdateOutcome update(String name, String marker, StateUpdate update) {
    return write(RecordNames.check(name), Optional.of(RecordNames.check(marker)), update);
  }

  /** Whether {@code marker} is recorded. */
  public boolean markerExists(String marker) {
    return store.markerExists(RecordNames.check(marker));
  }

  /** Metadata of every stored record, never plaintext. */
  public List<RecordInfo> list() {
    return store.loadAll().stream().map(StoredRecord::info).toList();
  }

  /**
   * Re-encrypts every record not under the current key, now.
   *
   * @return how many records it rewrote
   */
  public int rewrap() {
    int rewritten = 0;
    for (StoredRecord record : store.loadAll()) {
      if (underLock(record.name(), () -> rewrapOne(record.name()))) {
        rewritten++;
      }
    }
    return rewritten;
  }

  /** Whether the current key can be resolved now (for readiness). */
  public boolean currentKeyAvailable() {
    try (StateKey key = resolveCurrent()) {
      return key != null;
    } catch (StateKeyUnavailableException e) {
      return false;
    }
  }

  private boolean rewrapOne(String name) {
    Plain plain = loaded(name);
    Optional<StoredRecord> written =
        persist(
            name,
            Optional.empty(),
            locked -> {
              if (locked.isEmpty() || locked.get().generation() != plain.generation()) {
                throw new StaleRecordException();
              }
              try (StateKey key = resolveCurrent()) {
                if (locked.get().keyId().equals(key.id())) {
                  return Optional.empty();
                }
                return Optional.of(
                    cipher.seal(
                        name, plain.generation() + 1, plain.bytes(), key, currentKey.name()));
              }
            });
    written.ifPresent(this::committed);
    return written.isPresent();
  }

  private UpdateOutcome write(String name, Optional<String> marker, StateUpdate update) {
    return underLock(
        name,
        () -> {
          for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Plain current = loaded(name);
            Optional<byte[]> next = update.next(current.copy());
            if (next.isEmpty() && marker.isEmpty()) {
              return new UpdateOutcome(name, current.generation(), false);
            }
            byte[] plaintext = next.orElse(current.bytes() == null ? new byte[0] : current.bytes());
            try {
              StoredRecord stored =
                  persist(
                          name,
                          marker,
                          locked -> Optional.of(sealOver(name, locked, current, plaintext)))
                      .orElseThrow();
              committed(stored, plaintext);
              return new UpdateOutcome(name, stored.generation(), true);
            } catch (StaleRecordException e) {
              memory.remove(name); // another node wrote it: reload and apply the update again
            }
          }
          throw new ConflictException(
              "STATE_CONTENDED", "state record '" + name + "' kept changing under this write");
        });
  }

  /**
   * Runs under the row lock: checks nobody wrote since we loaded, then resolves the key and seals.
   */
  private Envelope sealOver(
      String name, Optional<Envelope> locked, Plain current, byte[] plaintext) {
    long lockedGeneration = locked.map(Envelope::generation).orElse(0L);
    if (lockedGeneration != current.generation()) {
      throw new StaleRecordException();
    }
    try (StateKey key = resolveCurrent()) {
      return cipher.seal(name, lockedGeneration + 1, plaintext, key, currentKey.name());
    }
  }

  private Optional<StoredRecord> persist(
      String name, Optional<String> marker, StateStore.Sealer sealer) {
    try {
      Optional<StoredRecord> stored = store.write(name, marker, sealer);
      stored.ifPresent(s -> observer.persisted(EnvelopeCodec.encodedLength(s.envelope())));
      return stored;
    } catch (StaleRecordException e) {
      throw e;
    } catch (dev.cachet.error.CachetException e) {
      observer.persistFailed(e.code());
      throw e;
    } catch (RuntimeException e) {
      observer.persistFailed(e.getClass().getSimpleName());
      throw e;
    }
  }

  private void committed(StoredRecord stored) {
    memory.computeIfPresent(stored.name(), (n, p) -> new Plain(p.bytes(), stored.generation()));
    highWater.raise(stored.name(), stored.generation());
  }

  private void committed(StoredRecord stored, byte[] plaintext) {
    memory.put(stored.name(), new Plain(plaintext.clone(), stored.generation()));
    highWater.raise(stored.name(), stored.generation());
  }

  /** The record in memory, or loaded from storage and decrypted; caller holds the record lock. */
  private Plain loaded(String name) {
    StateRollbackException rollback = refused.get(name);
    if (rollback != null) {
      throw rollback;
    }
    Plain cached = memory.get(name);
    if (cached != null) {
      return cached;
    }
    Optional<StoredRecord> stored = store.load(name);
    long mark = highWater.of(name);
    long generation = stored.map(StoredRecord::generation).orElse(0L);
    if (generation < mark) {
      StateRollbackException found = new StateRollbackException(name, generation, mark);
      refused.put(name, found);
      throw found;
    }
    Plain plain = stored.map(s -> new Plain(open(s), s.generation())).orElse(Plain.ABSENT);
    memory.put(name, plain);
    return plain;
  }

  /** Decrypts with the current key, or with the previous key if the envelope names it. */
  private byte[] open(StoredRecord stored) {
    String wanted = stored.envelope().keyId();
    List<String> available = new ArrayList<>();
    try (StateKey key = resolveCurrent()) {
      if (key.id().equals(wanted)) {
        return cipher.open(stored.name(), stored.envelope(), key);
      }
      available.add(key.id() + " (current)");
    }
    if (previousKey.isPresent()) {
      try (StateKey key = previousKey.get().resolve()) {
        if (key.id().equals(wanted)) {
          LOG.info(
              () -> "state record '" + stored.name() + "' opened with the previous key " + wanted);
          return cipher.open(stored.name(), stored.envelope(), key);
        }
        available.add(key.id() + " (previous)");
      } catch (StateKeyUnavailableException e) {
        LOG.log(Level.WARNING, "the previous state key is unavailable", e);
        available.add("no previous key (" + e.getMessage() + ")");
      }
    }
    throw new StateKeyMismatchException(stored.name(), wanted, String.join(" and ", available));
  }

  private StateKey resolveCurrent() {
    long start = System.nanoTime();
    try {
      return currentKey.resolve();
    } finally {
      observer.keyResolved(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private <T> T underLock(String name, Supplier<T> action) {
    ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Names of records refused at start because they look rolled back. */
  public Set<String> refusedRecords() {
    return Set.copyOf(refused.keySet());
  }
}
