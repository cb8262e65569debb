package dev.cachet.keys;

import dev.cachet.clock.SlotClock;
import dev.cachet.error.CachetException;
import dev.cachet.error.ConflictException;
import dev.cachet.error.InvalidRequestException;
import dev.cachet.state.RecordInfo;
import dev.cachet.state.StateRecords;
import dev.cachet.xmss.GeneratedKey;
import dev.cachet.xmss.LeafProgress;
import dev.cachet.xmss.PreparedWindow;
import dev.cachet.xmss.RetainedLevels;
import dev.cachet.xmss.SignOutcome;
import dev.cachet.xmss.XmssKeys;
import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssSecretSeeds;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The node's validator keys: generation, import, retirement, and signing by slot. Signing answers
 * at once from the key's current window; preparation happens on the pool ({@link Preparations}).
 * Signing a key is serialised per key, and a signature leaves only after the record that allows it
 * (the new highest signed slot, its message and signature) is durable in the vault.
 */
public final class KeyManager {

  private static final Logger LOG = Logger.getLogger(KeyManager.class.getName());

  private final StateRecords vault;
  private final SlotClock slots;
  private final Clock clock;
  private final Preparations preparations;
  private final KeyObserver observer;
  private final SecureRandom random;
  private final Map<ValidatorKeyId, KeyEntry> keys = new ConcurrentHashMap<>();

  public KeyManager(
      StateRecords vault,
      WindowStore windows,
      SlotClock slots,
      Clock clock,
      Executor pool,
      PreparationSettings settings,
      KeyObserver observer,
      SecureRandom random) {
    this.vault = vault;
    this.slots = slots;
    this.clock = clock;
    this.observer = observer;
    this.random = random;
    this.preparations = new Preparations(pool, settings, slots, clock, windows, observer);
  }

  /**
   * Brings memory up to the database: loads every key record not loaded yet (their windows are
   * restored in the background) and adopts what other nodes on the same database changed since
   * (signatures, retirements, a new key in a retired one's place). Run at start and every slot.
   *
   * @return how many keys it loaded or changed
   */
  public int restore() {
    int changed = 0;
    for (RecordInfo info : vault.list()) {
      Optional<ValidatorKeyId> id = ValidatorKeyId.ofRecordName(info.name());
      if (id.isEmpty()) {
        continue;
      }
      KeyEntry held = keys.get(id.get());
      if (held == null) {
        SigningRecord record = SigningRecordCodec.decode(vault.read(info.name()).orElseThrow());
        KeyEntry entry = new KeyEntry(id.get(), record);
        if (keys.putIfAbsent(id.get(), entry) == null && !record.retired()) {
          preparations.restore(entry);
        }
        changed++;
      } else if (held.record != null) {
        Optional<byte[]> newer = vault.refresh(info.name(), info.generation());
        if (newer.isPresent()) {
          adoptStored(held, SigningRecordCodec.decode(newer.get()));
          changed++;
        }
      }
    }
    return changed;
  }

  /** Takes a record another node committed as this key's state. */
  private void adoptStored(KeyEntry entry, SigningRecord stored) {
    entry.signing.lock();
    try {
      SigningRecord held = entry.record;
      if (!stored.publicKey().equals(held.publicKey())) {
        KeyEntry replacement = new KeyEntry(entry.id, stored);
        if (keys.replace(entry.id, entry, replacement) && !stored.retired()) {
          preparations.restore(replacement);
        }
        LOG.info(() -> "the " + entry.id + " was replaced by another node; loaded the new key");
        return;
      }
      if (!stored.retired() && highestSlot(stored) < highestSlot(held)) {
        return; // this node committed a newer signature meanwhile
      }
      entry.record = stored;
      if (stored.retired() && !held.retired()) {
        entry.window = null;
        preparations.forget(entry, stored);
        LOG.info(() -> "the " + entry.id + " was retired by another node");
      }
    } finally {
      entry.signing.unlock();
    }
  }

  private static long highestSlot(SigningRecord record) {
    return record.highest().map(SignedSlot::slot).orElse(-1L);
  }

  /**
   * Starts generating a key on the pool; it is {@link KeyState#ACTIVE} once its window is ready.
   */
  public KeyView generate(GenerateKey request) {
    ValidatorKeyId id = request.id();
    XmssParameters parameters = request.parameters();
    long activation = request.activationSlot().orElse(slots.currentSlot());
    checkWithinLifetime(parameters, activation, "INVALID_ACTIVATION_SLOT", "activationSlot");
    KeyEntry entry = claim(id);
    XmssSecretSeeds seeds = XmssSecretSeeds.generate(random);
    long leaves = XmssKeys.leavesToGenerate(parameters, activation, RetainedLevels.DEFAULT);
    KeyEntry.Preparation generation =
        new KeyEntry.Preparation(
            OptionalLong.of(parameters.bottomTreeOf(activation)),
            leaves,
            preparations.estimate(leaves));
    try {
      preparations.generate(
          entry,
          generation,
          progress -> derive(entry, parameters, seeds, activation, activation, progress));
    } catch (RuntimeException e) { // the queue is full: nothing was stored, the place is free
      keys.remove(id, entry);
      throw e;
    }
    return view(entry);
  }

  /** Imports a key made elsewhere, computing its root and first window before it answers. */
  public KeyView importKey(ImportKey request) {
    ValidatorKeyId id = request.id();
    XmssParameters parameters = request.parameters();
    long current = slots.currentSlot();
    long first = request.nextSlot().orElse(current);
    checkWithinLifetime(parameters, first, "INVALID_NEXT_SLOT", "nextSlot");
    long activation = Math.max(first, current);
    KeyEntry entry = claim(id);
    try {
      // On the calling thread (an operator's request), with the pool's threads as helpers: an
      // import must not wait behind the preparations queued on the pool.
      GeneratedKey key =
          XmssKeys.generate(parameters, request.seeds(), activation, preparations.pool());
      if (request.root().isPresent()
          && !MessageDigest.isEqual(request.root().get(), key.publicKey().root())) {
        throw new RootMismatchException(hex(request.root().get()), hex(key.publicKey().root()));
      }
      SigningRecord record =
          SigningRecord.create(key.publicKey(), request.seeds(), activation, first);
      persistNew(id, record);
      entry.record = record;
      entry.install(key.window());
      preparations.adopt(entry, key.window());
      LOG.info(() -> "imported the " + id + ", first signable slot " + first);
      return view(entry);
    } catch (RuntimeException e) {
      keys.remove(id, entry);
      throw e;
    }
  }

  /** Retires a key: it signs nothing any more, durably. */
  public KeyView retire(ValidatorKeyId id) {
    KeyEntry entry = existing(id);
    entry.signing.lock();
    try {
      if (entry.record == null) {
        throw new ConflictException(
            "KEY_BEING_GENERATED", "the " + id + " is being generated; retire it once it is");
      }
      vault.update(
          id.recordName(),
          current -> {
            SigningRecord record = SigningRecordCodec.decode(current.orElseThrow());
            return record.retired()
                ? Optional.empty()
                : Optional.of(SigningRecordCodec.encode(record.retire()));
          });
      SigningRecord retired = stored(id);
      entry.record = retired;
      entry.window = null;
      preparations.forget(entry, retired);
      LOG.info(() -> "retired the " + id);
      return view(entry);
    } finally {
      entry.signing.unlock();
    }
  }

  /**
   * Signs {@code message} at {@code slot} with the key's leaf {@code slot}.
   *
   * @return the RFC 8391 XMSS^MT signature
   */
  public byte[] sign(ValidatorKeyId id, long slot, SigningMessage message) {
    long start = System.nanoTime();
    try {
      byte[] signature = signNow(id, slot, message);
      observer.signed(id.role(), Duration.ofNanos(System.nanoTime() - start));
      KeyEntry entry = existing(id);
      SigningRecord record = entry.record;
      if (record != null && slot == record.parameters().lifetime() - 1) {
        reportExhausted(entry, "the " + id + " signed its last leaf, slot " + slot);
      }
      return signature;
    } catch (CachetException e) {
      // A request for a slot past the lifetime is refused (410) but is no alert: anyone can ask.
      // The key's own exhaustion is reported once, when its last leaf signs or the clock passes it.
      observer.refused(e.code());
      throw e;
    }
  }

  private byte[] signNow(ValidatorKeyId id, long slot, SigningMessage message) {
    if (slot < 0) {
      throw new InvalidRequestException("INVALID_SLOT", "a slot is not negative, got " + slot);
    }
    KeyEntry entry = existing(id);
    entry.signing.lock();
    try {
      SigningRecord record = entry.record;
      if (record == null) {
        throw notPrepared(entry, slot);
      }
      SigningPolicy.Verdict verdict = SigningPolicy.decide(id, record, slot, message);
      if (verdict instanceof SigningPolicy.Replay replay) {
        return replay.signature();
      }
      PreparedWindow window = entry.window;
      if (window == null || !window.covers(slot)) {
        if (window != null && slot < window.fromSlot()) {
          throw new SlotBehindWindowException(id, slot, window.fromSlot());
        }
        throw notPrepared(entry, slot);
      }
      if (verdict instanceof SigningPolicy.Recompute) {
        return signed(window, slot, message); // deterministic: the signature given before
      }
      if (entry.begun != null
          && entry.begun.slot() == slot
          && !entry.begun.message().equals(message)) {
        throw new SlotAlreadySignedException(
            id, slot, "signing it with another message began already");
      }
      entry.begun = new SignedSlot(slot, message); // the leaf counts as used from here on
      byte[] signature = signed(window, slot, message);
      vault.update(id.recordName(), SigningPolicy.recording(id, slot, message, signature));
      // Decided again under the row lock: the record now holds this slot with this message (this
      // request's write, or another node's with the same deterministic signature), or another
      // node's record refuses it, and then nothing of this request was written and its signature
      // never leaves: the leaf is free again for the message that record holds.
      SigningRecord committed = stored(id);
      entry.record = committed;
      entry.begun = null;
      if (SigningPolicy.decide(id, committed, slot, message) instanceof SigningPolicy.Fresh) {
        throw new IllegalStateException(
            "the " + id + " record does not hold slot " + slot + " after it was written");
      }
      return signature;
    } finally {
      entry.signing.unlock();
    }
  }

  /**
   * The key's record as the vault holds it now (after this node's write, or as the lock found it).
   */
  private SigningRecord stored(ValidatorKeyId id) {
    return SigningRecordCodec.decode(
        vault.read(id.recordName()).orElseThrow(() -> new KeyNotFoundException(id)));
  }

  private static byte[] signed(PreparedWindow window, long slot, SigningMessage message) {
    SignOutcome outcome = window.sign(slot, message.view());
    if (outcome instanceof SignOutcome.Signed signed) {
      return signed.signature().rfcBytes();
    }
    throw new IllegalStateException("a window that covers slot " + slot + " did not sign it");
  }

  private KeyNotPreparedException notPrepared(KeyEntry entry, long slot) {
    Duration retry;
    if (entry.record == null) { // still being generated
      retry =
          entry
              .running()
              .map(preparations::remaining)
              .orElseThrow(() -> new KeyNotFoundException(entry.id));
    } else {
      retry = preparations.forRequest(entry, slot);
    }
    PreparedWindow window = entry.window;
    String held =
        window == null ? "no window yet" : "window " + window.fromSlot() + ".." + window.toSlot();
    return new KeyNotPreparedException(entry.id, slot, held, retry);
  }

  /** Every key, by validator and role. */
  public List<KeyView> views() {
    return keys.values().stream()
        .map(this::view)
        .sorted(Comparator.comparingLong(KeyView::validatorIndex).thenComparing(KeyView::role))
        .toList();
  }

  public KeyView view(ValidatorKeyId id) {
    return view(existing(id));
  }

  /** The slot tick: starts the preparations that keep every key ahead of the wall clock. */
  public void onSlot() {
    long current = slots.currentSlot();
    for (KeyEntry entry : keys.values()) {
      SigningRecord record = entry.record;
      if (record != null && !record.retired() && current >= record.parameters().lifetime()) {
        reportExhausted(entry, "the " + entry.id + " is exhausted at slot " + current);
      }
      preparations.tick(entry);
    }
  }

  /** Keys that should sign the current slot but cannot yet (readiness is down while any can't). */
  public List<ValidatorKeyId> unready() {
    long current = slots.currentSlot();
    return keys.values().stream()
        .filter(e -> e.record != null && KeyViews.live(e.record, current))
        .filter(e -> e.record.activationSlot() <= current)
        .filter(e -> e.window == null || !e.window.covers(current))
        .map(e -> e.id)
        .toList();
  }

  /** Preparations running now (key generation included). */
  public int preparationsRunning() {
    return (int) keys.values().stream().filter(e -> e.running().isPresent()).count();
  }

  /** For each key with a window: slots from the current slot to the end of its window. */
  public Map<ValidatorKeyId, Long> windowEnds() {
    long current = slots.currentSlot();
    Map<ValidatorKeyId, Long> ends = new ConcurrentHashMap<>();
    keys.forEach(
        (id, e) -> {
          PreparedWindow window = e.window;
          if (window != null) {
            ends.put(id, window.toSlot() - current);
          }
        });
    return ends;
  }

  /** Preparations waiting for a thread. */
  public int waitingPreparations() {
    return preparations.waitingWork().size();
  }

  /** The kinds of preparation waiting for a thread, in the order they will run. */
  List<String> waitingWork() {
    return preparations.waitingWork();
  }

  public long exhaustedKeys() {
    return views().stream().filter(v -> v.state() == KeyState.EXHAUSTED).count();
  }

  KeyView view(KeyEntry entry) {
    return KeyViews.of(entry, slots.currentSlot(), preparations::progress);
  }

  /** Runs on the pool for a generation: derives the key, makes it durable, returns its window. */
  private PreparedWindow derive(
      KeyEntry entry,
      XmssParameters parameters,
      XmssSecretSeeds seeds,
      long activation,
      long firstSignable,
      LeafProgress progress) {
    try {
      GeneratedKey key =
          XmssKeys.generate(
              parameters, seeds, activation, RetainedLevels.DEFAULT, preparations.pool(), progress);
      SigningRecord record =
          SigningRecord.create(key.publicKey(), seeds, activation, firstSignable);
      persistNew(entry.id, record);
      entry.record = record;
      LOG.info(() -> "generated the " + entry.id + ", root " + hex(key.publicKey().root()));
      return key.window();
    } catch (RuntimeException | Error e) {
      keys.remove(entry.id, entry);
      throw e;
    }
  }

  /** Makes a new key's record durable, unless a live key took its place meanwhile. */
  private void persistNew(ValidatorKeyId id, SigningRecord record) {
    long current = slots.currentSlot();
    vault.update(
        id.recordName(),
        stored -> {
          if (stored.isPresent()) {
            SigningRecord existing = SigningRecordCodec.decode(stored.get());
            if (KeyViews.live(existing, current)) {
              throw new KeyExistsException(id, KeyViews.state(existing, true, current));
            }
          }
          return Optional.of(SigningRecordCodec.encode(record));
        });
  }

  /** Takes the key's place for a new key, unless a live key holds it. */
  private KeyEntry claim(ValidatorKeyId id) {
    KeyEntry fresh = new KeyEntry(id, null);
    long current = slots.currentSlot();
    keys.compute(
        id,
        (k, held) -> {
          if (held != null && (held.record == null || KeyViews.live(held.record, current))) {
            throw new KeyExistsException(
                id, KeyViews.state(held.record, held.window != null, current));
          }
          return fresh;
        });
    return fresh;
  }

  private KeyEntry existing(ValidatorKeyId id) {
    KeyEntry entry = keys.get(id);
    if (entry == null) {
      throw new KeyNotFoundException(id);
    }
    return entry;
  }

  private static void checkWithinLifetime(
      XmssParameters parameters, long slot, String code, String field) {
    if (slot < 0 || slot >= parameters.lifetime()) {
      throw new InvalidRequestException(
          code,
          field + " must be within the key's lifetime of " + parameters.lifetime() + " slots");
    }
  }

  private static void reportExhausted(KeyEntry entry, String message) {
    if (entry.exhaustionReported.compareAndSet(false, true)) {
      LOG.severe(message);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
