package dev.cachet.state;

import dev.cachet.error.CachetException;
import dev.cachet.error.ConflictException;
import dev.cachet.error.CorruptStateException;
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
import java.util.stream.Collectors;

/**
 * The encrypted state vault. Records live decrypted in memory and encrypted in storage; every write
 * to a record is serialised by a per-record lock in this node and the record's row lock in the
 * database, and <em>inside</em> both the state key is resolved, immediately before encrypting. So
 * the last writer always encrypts with the key that was current when it wrote, whatever rotations
 * happened while it waited. Memory changes only after the write committed.
 *
 * <p>A "no change" update persists nothing and resolves no key, so a key-provider outage cannot
 * fail an idempotent replay or a read of state already in memory. When another node sharing the
 * database wrote the record since this node loaded it, the update is applied again, under the row
 * lock, to what that node wrote: updates are pure functions of the current plaintext.
 */
public final class StateVault implements StateRecords {

  /** How often a write is tried when another node inserts the same new record at once. */
  static final int MAX_ATTEMPTS = 5;

  private final StateStore store;
  private final KeyProvider currentKey;
  private final HighWaterMarks highWater;
  private final VaultObserver observer;
  private final EnvelopeCipher cipher;
  private final RecordOpener opener;

  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, Plain> memory = new ConcurrentHashMap<>();
  private final Map<String, StateRollbackException> refused = new ConcurrentHashMap<>();
  private final Map<String, String> corrupt = new ConcurrentHashMap<>();

  /** A record's plaintext as last committed, with its generation. */
  private record Plain(byte[] bytes, long generation) {
    static final Plain ABSENT = new Plain(null, 0);

    Optional<byte[]> copy() {
      return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    byte[] bytesOrEmpty() {
      return bytes == null ? new byte[0] : bytes;
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
    this.highWater = Objects.requireNonNull(highWater, "highWater");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.cipher = new EnvelopeCipher(random);
    this.opener = new RecordOpener(cipher, Objects.requireNonNull(previousKey, "previousKey"));
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
  @Override
  public Optional<byte[]> read(String name) {
    RecordNames.check(name);
    Plain cached = memory.get(name);
    if (cached != null) {
      return cached.copy();
    }
    return underLock(name, () -> loaded(name).copy());
  }

  /** Applies {@code update} to the record and persists the result if it changed. */
  @Override
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

  @Override
  public Optional<byte[]> refresh(String name, long storedGeneration) {
    RecordNames.check(name);
    Plain cached = memory.get(name);
    if (cached != null && cached.generation() >= storedGeneration) {
      return Optional.empty();
    }
    return underLock(
        name,
        () -> {
          Plain held = memory.get(name);
          if (held != null && held.generation() >= storedGeneration) {
            return Optional.empty();
          }
          memory.remove(name);
          Plain fresh = loaded(name);
          return fresh.generation() > (held == null ? 0 : held.generation())
              ? fresh.copy()
              : Optional.empty();
        });
  }

  /** Metadata of every stored record, never plaintext. */
  @Override
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

  /** Names of records refused at start because they look rolled back. */
  public Set<String> refusedRecords() {
    return Set.copyOf(refused.keySet());
  }

  /**
   * Records that failed to open as stored (corrupt state: authentication failed, malformed, unknown
   * schema), by name, with the failure's code; a record leaves this set when it opens again.
   */
  public Map<String, String> corruptRecords() {
    return Map.copyOf(corrupt);
  }

  /** Opens a stored envelope, keeping {@link #corruptRecords()} current. */
  private byte[] open(String name, Envelope envelope, StateKey key) {
    try {
      byte[] plaintext = opener.open(name, envelope, key);
      corrupt.remove(name);
      return plaintext;
    } catch (CorruptStateException e) {
      corrupt.put(name, e.code());
      throw e;
    }
  }

  private boolean rewrapOne(String name) {
    refuseIfRolledBack(name);
    StateStore.Written<Decision> written =
        persist(name, Optional.empty(), locked -> rewrapUnderLock(name, locked));
    committed(name, written);
    return written.stored().isPresent();
  }

  /** Under the row lock: re-encrypts the record under the current key, unless it is already. */
  private Decision rewrapUnderLock(String name, Optional<StateStore.Locked> locked) {
    if (locked.isEmpty()) {
      return Decision.NOTHING;
    }
    StateStore.Locked row = locked.get();
    checkNotBehind(name, row.generation(), 0);
    try (StateKey key = resolveCurrent()) {
      if (row.keyId().equals(key.id())) {
        return Decision.NOTHING;
      }
      byte[] plaintext = open(name, row.envelope(), key);
      long generation = row.generation() + 1;
      return Decision.store(
          cipher.seal(name, generation, plaintext, key, currentKey.name()),
          new Plain(plaintext, generation));
    }
  }

  private UpdateOutcome write(String name, Optional<String> marker, StateUpdate update) {
    return underLock(name, () -> writeLocked(new PendingWrite(name, marker, update)));
  }

  /** Runs under the record's lock in this node; retries when another node inserts it first. */
  private UpdateOutcome writeLocked(PendingWrite pending) {
    String name = pending.name;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Plain current = loaded(name);
      Optional<byte[]> next = pending.update.next(current.copy());
      if (next.isEmpty() && pending.marker.isEmpty()) {
        return new UpdateOutcome(name, current.generation(), false);
      }
      try {
        StateStore.Written<Decision> written =
            persist(name, pending.marker, locked -> pending.seal(locked, current, next));
        committed(name, written);
        long generation = written.decision().plain().orElseThrow().generation();
        return new UpdateOutcome(name, generation, written.stored().isPresent());
      } catch (StaleRecordException e) {
        memory.remove(name); // another node inserted the record first: its row now exists
      }
    }
    throw new ConflictException(
        "STATE_CONTENDED", "state record '" + name + "' kept changing under this write");
  }

  /**
   * What a sealer decided under the row lock: the envelope to store (none: nothing to write) and,
   * if it learned it, the plaintext the record holds afterwards.
   */
  private record Decision(Optional<Envelope> envelope, Optional<Plain> plain)
      implements StateStore.Sealed {

    static final Decision NOTHING = new Decision(Optional.empty(), Optional.empty());

    static Decision store(Envelope envelope, Plain plain) {
      return new Decision(Optional.of(envelope), Optional.of(plain));
    }

    static Decision unchanged(Plain seen) {
      return new Decision(Optional.empty(), Optional.of(seen));
    }
  }

  /** One update of one record, as asked: what the row lock decides it becomes. */
  private final class PendingWrite {
    final String name;
    final Optional<String> marker;
    final StateUpdate update;

    PendingWrite(String name, Optional<String> marker, StateUpdate update) {
      this.name = name;
      this.marker = marker;
      this.update = update;
    }

    /**
     * Under the row lock: resolves the key, then seals the next plaintext. If the row is not the
     * generation this node loaded, another node wrote it: the update is applied to that instead,
     * and if it then changes nothing, nothing is written and the row as found is the outcome.
     */
    Decision seal(Optional<StateStore.Locked> locked, Plain current, Optional<byte[]> next) {
      long lockedGeneration = locked.map(StateStore.Locked::generation).orElse(0L);
      checkNotBehind(name, lockedGeneration, current.generation());
      try (StateKey key = resolveCurrent()) {
        byte[] plaintext;
        if (lockedGeneration == current.generation()) {
          plaintext = next.orElse(current.bytesOrEmpty());
        } else {
          byte[] fresh = open(name, locked.orElseThrow().envelope(), key);
          Optional<byte[]> again = update.next(Optional.of(fresh.clone()));
          if (again.isEmpty() && marker.isEmpty()) {
            return Decision.unchanged(new Plain(fresh, lockedGeneration));
          }
          plaintext = again.orElse(fresh);
        }
        long generation = lockedGeneration + 1;
        return Decision.store(
            cipher.seal(name, generation, plaintext, key, currentKey.name()),
            new Plain(plaintext.clone(), generation));
      }
    }
  }

  /** A stored generation below what this node saw or wrote means the database went back. */
  private void checkNotBehind(String name, long stored, long seen) {
    long expected = Math.max(seen, highWater.of(name));
    if (stored < expected) {
      StateRollbackException rollback = new StateRollbackException(name, stored, expected);
      refused.put(name, rollback);
      memory.remove(name);
      throw rollback;
    }
  }

  private StateStore.Written<Decision> persist(
      String name, Optional<String> marker, StateStore.Sealer<Decision> sealer) {
    try {
      StateStore.Written<Decision> written = store.write(name, marker, sealer);
      written
          .stored()
          .ifPresent(s -> observer.persisted(EnvelopeCodec.encodedLength(s.envelope())));
      return written;
    } catch (StaleRecordException e) {
      throw e;
    } catch (CachetException e) {
      observer.persistFailed(e.code());
      throw e;
    } catch (RuntimeException e) {
      observer.persistFailed(e.getClass().getSimpleName());
      throw e;
    }
  }

  /**
   * After the commit: memory holds what the record now is, the high-water mark what was written.
   */
  private void committed(String name, StateStore.Written<Decision> written) {
    written.decision().plain().ifPresent(plain -> memory.put(name, plain));
    written.stored().ifPresent(stored -> highWater.raise(name, stored.generation()));
  }

  private void refuseIfRolledBack(String name) {
    StateRollbackException rollback = refused.get(name);
    if (rollback != null) {
      throw rollback;
    }
  }

  /** The record in memory, or loaded from storage and decrypted; caller holds the record lock. */
  private Plain loaded(String name) {
    refuseIfRolledBack(name);
    Plain cached = memory.get(name);
    if (cached != null) {
      return cached;
    }
    Optional<StoredRecord> stored = store.load(name);
    checkNotBehind(name, stored.map(StoredRecord::generation).orElse(0L), 0);
    Plain plain = stored.map(this::decrypt).orElse(Plain.ABSENT);
    memory.put(name, plain);
    return plain;
  }

  private Plain decrypt(StoredRecord stored) {
    try (StateKey key = resolveCurrent()) {
      return new Plain(open(stored.name(), stored.envelope(), key), stored.generation());
    }
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
}
