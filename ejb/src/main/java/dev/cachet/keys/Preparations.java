package dev.cachet.keys;

import dev.cachet.clock.SlotClock;
import dev.cachet.error.RetryLaterException;
import dev.cachet.xmss.LeafProgress;
import dev.cachet.xmss.PreparedWindow;
import dev.cachet.xmss.RetainedLevels;
import dev.cachet.xmss.StoredWindowShape;
import dev.cachet.xmss.XmssKeys;
import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prepares windows off the request path, one preparation at a time per key, on the node's bounded
 * preparation pool; swaps each finished window in and keeps it in the node's window store so a
 * restart does not recompute it. Decides at every slot which keys need their next tree: those whose
 * window would otherwise end within the lead, and those the wall clock has left behind (catch-up).
 */
final class Preparations {

  private static final Logger LOG = Logger.getLogger(Preparations.class.getName());

  /** What a request is told to wait while a stored window loads. */
  static final Duration LOADING = Duration.ofSeconds(1);

  private final Executor pool;
  private final SlotClock slots;
  private final Clock clock;
  private final PreparationCost cost;
  private final WindowStore windows;
  private final KeyObserver observer;
  private final OptionalLong leadSlots;
  private final int maxQueued;
  private final PreparationQueue queue;

  Preparations(
      Executor pool,
      PreparationSettings settings,
      SlotClock slots,
      Clock clock,
      WindowStore windows,
      KeyObserver observer) {
    this.pool = pool;
    this.slots = slots;
    this.clock = clock;
    this.cost = new PreparationCost(settings.threads());
    this.windows = windows;
    this.observer = observer;
    this.leadSlots = settings.leadSlots();
    this.maxQueued = settings.maxQueued();
    this.queue = new PreparationQueue(pool, settings.threads(), clock, cost::estimate);
  }

  Executor pool() {
    return pool;
  }

  /** Slots before a window's end at which its next tree is started: configured, or half a tree. */
  long lead(XmssParameters parameters) {
    return leadSlots.orElse(parameters.leavesPerTree() / 2);
  }

  /** The slot a key must be able to sign now: the current one, or its activation slot if later. */
  long targetSlot(SigningRecord record) {
    return Math.max(slots.currentSlot(), record.activationSlot());
  }

  /**
   * Answers a request for a slot the window does not hold: starts (or joins) the preparation that
   * brings the window to it, when that window still signs the current slot, and says how long the
   * client should wait. A slot further ahead is not prepared now: moving the window there would
   * leave the current slot unsignable, so it waits for the slot tick to reach it in turn.
   */
  Duration forRequest(KeyEntry entry, long slot) {
    Optional<KeyEntry.Preparation> running = entry.running();
    if (running.isPresent()) {
      return queue.remaining(running.get());
    }
    SigningRecord record = entry.record;
    long target = targetSlot(record);
    PreparedWindow window = entry.window;
    if (window == null || target > window.toSlot()) {
      return queue.remaining(prepareFor(entry, target));
    }
    XmssParameters parameters = record.parameters();
    long slotTree = parameters.bottomTreeOf(slot);
    List<Long> held = window.bottomTrees();
    long newest = held.get(held.size() - 1);
    if (window.nextBottomTree().orElse(-1) == slotTree
        && target >= parameters.firstSlotOf(newest)) {
      return queue.remaining(prepareNext(entry));
    }
    long tickPreparesAt = parameters.firstSlotOf(slotTree) - lead(parameters);
    Duration wait = slotsAway(Math.max(0, tickPreparesAt - slots.currentSlot()));
    Duration retry = wait.plus(cost.estimate(window.leavesToPrepareNext()));
    return retry.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retry;
  }

  /** The time {@code count} slots take, saturated at a day (a far slot cannot overflow it). */
  private Duration slotsAway(long count) {
    long limit = RetryLaterException.LONGEST.dividedBy(slots.slotDuration());
    return count >= limit ? RetryLaterException.LONGEST : slots.slotDuration().multipliedBy(count);
  }

  /** Starts (or joins) the preparation that makes {@code slot} signable. */
  KeyEntry.Preparation prepareFor(KeyEntry entry, long slot) {
    SigningRecord record = entry.record;
    PreparedWindow base = entry.window;
    XmssParameters parameters = record.parameters();
    OptionalLong tree = OptionalLong.of(parameters.bottomTreeOf(slot));
    if (base == null) {
      long leaves = XmssKeys.leavesToGenerate(parameters, slot, RetainedLevels.DEFAULT);
      return start(
          entry,
          "the whole window of slot " + slot,
          tree,
          leaves,
          progress -> regenerate(record, slot, progress));
    }
    if (parameters.bottomTreeOf(slot) == base.nextBottomTree().orElse(-1)) {
      return prepareNext(entry);
    }
    return start(
        entry,
        "the window of slot " + slot,
        tree,
        base.leavesToPrepareFor(slot),
        progress -> base.prepareFor(slot, pool, progress));
  }

  /** Starts (or joins) the preparation of the tree after the window's newest. */
  KeyEntry.Preparation prepareNext(KeyEntry entry) {
    PreparedWindow base = entry.window;
    return start(
        entry,
        "the next bottom tree",
        base.nextBottomTree(),
        base.leavesToPrepareNext(),
        progress -> base.prepareNext(pool, progress));
  }

  /** How long until {@code preparation} is done, counting the work queued ahead of it. */
  Duration remaining(KeyEntry.Preparation preparation) {
    return queue.remaining(preparation);
  }

  /**
   * How far {@code preparation} is, if it builds trees (a stored window being loaded does not): its
   * leaves, since when it runs and the whole seconds it still needs, the queue ahead included.
   */
  Optional<PreparationProgress> progress(KeyEntry.Preparation preparation) {
    if (preparation.leaves() < 1) {
      return Optional.empty();
    }
    Duration left = queue.remaining(preparation);
    long eta = left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
    return Optional.of(
        new PreparationProgress(
            preparation.bottomTree().isPresent() ? preparation.bottomTree().getAsLong() : null,
            preparation.leavesDone(),
            preparation.leaves(),
            preparation.started().orElse(null),
            eta));
  }

  /** The kinds of preparation waiting for a thread, in the order they will run. */
  List<String> waitingWork() {
    return queue.waitingWork();
  }

  /**
   * Queues a new key's generation behind the work of keys that sign, unless the queue is full.
   *
   * @throws dev.cachet.error.RetryLaterException {@code PREPARATION_QUEUE_FULL}; nothing queued
   */
  void generate(
      KeyEntry entry,
      KeyEntry.Preparation generation,
      Function<LeafProgress, PreparedWindow> work) {
    entry.begin(
        generation,
        () ->
            queue.submitNewKey(
                generation,
                new WindowPreparation(this, entry, generation, "a new key", work),
                maxQueued));
  }

  /** Expected wall time to compute {@code leaves} leaves on this node. */
  Duration estimate(long leaves) {
    return cost.estimate(leaves);
  }

  /** A window prepared outside a preparation (an import): kept, and completed by the next tree. */
  void adopt(KeyEntry entry, PreparedWindow window) {
    keep(entry, window);
    if (window.bottomTrees().size() == 1 && window.nextBottomTree().isPresent()) {
      prepareNext(entry);
    }
  }

  /**
   * Loads the key's stored window in the background, then catches it up to the wall clock. The
   * loading counts as the key's preparation, so neither the slot tick nor a request starts
   * computing a window from the seeds while the stored one is on its way.
   */
  void restore(KeyEntry entry) {
    KeyEntry.Preparation loading = new KeyEntry.Preparation(OptionalLong.empty(), 0, LOADING);
    entry.begin(
        loading,
        () ->
            queue.submit(
                PreparationQueue.Priority.SIGNING_KEY,
                loading,
                new WindowRestoration(this, entry, loading)));
  }

  /** The slot tick: starts what this key needs so that no slot it will be asked for waits. */
  void tick(KeyEntry entry) {
    SigningRecord record = entry.record;
    if (record == null || record.retired() || entry.running().isPresent()) {
      return;
    }
    long target = targetSlot(record);
    if (target >= record.parameters().lifetime()) {
      return;
    }
    PreparedWindow window = entry.window;
    if (window == null || target > window.toSlot()) {
      prepareFor(entry, target);
    } else if (window.toSlot() - target < lead(record.parameters())
        && window.nextBottomTree().isPresent()) {
      prepareNext(entry);
    } else {
      window.precomputeBlock(target + 1); // a block boundary costs the tick, not a signature
    }
  }

  private PreparedWindow regenerate(SigningRecord record, long slot, LeafProgress progress) {
    PreparedWindow window =
        XmssKeys.generate(
                record.parameters(), record.seeds(), slot, RetainedLevels.DEFAULT, pool, progress)
            .window();
    if (!window.publicKey().equals(record.publicKey())) {
      throw new IllegalStateException("the stored seeds do not give the key's public root");
    }
    return window;
  }

  private KeyEntry.Preparation start(
      KeyEntry entry,
      String what,
      OptionalLong tree,
      long leaves,
      Function<LeafProgress, PreparedWindow> work) {
    KeyEntry.Preparation candidate = new KeyEntry.Preparation(tree, leaves, cost.estimate(leaves));
    return entry.begin(
        candidate,
        () ->
            queue.submit(
                PreparationQueue.Priority.SIGNING_KEY,
                candidate,
                new WindowPreparation(this, entry, candidate, what, work)));
  }

  /**
   * Runs on the pool: computes, swaps in, keeps, and chains the next tree if the window has one.
   */
  void run(
      KeyEntry entry,
      KeyEntry.Preparation p,
      String what,
      Function<LeafProgress, PreparedWindow> work) {
    LOG.info(() -> "preparing " + what + " of the " + entry.id + ": " + p.leaves() + " leaves");
    long start = System.nanoTime();
    try {
      PreparedWindow prepared = work.apply(p.progress());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      cost.observe(p.leaves(), took);
      boolean installed = entry.install(prepared);
      p.done().complete(prepared);
      observer.preparationFinished(entry.id, took);
      LOG.info(
          () ->
              String.format(
                  "prepared %s of the %s in %.1f s: window %d..%d",
                  what,
                  entry.id,
                  took.toMillis() / 1000.0,
                  prepared.fromSlot(),
                  prepared.toSlot()));
      if (installed) {
        adopt(entry, prepared);
      }
    } catch (RuntimeException | Error e) {
      p.done().completeExceptionally(e);
      observer.preparationFailed(entry.id);
      LOG.log(Level.SEVERE, "preparing " + what + " of the " + entry.id + " failed", e);
    } finally {
      entry.ended(p);
    }
  }

  /** Keeps the window in the node's window store, so a restart need not recompute it. */
  private void keep(KeyEntry entry, PreparedWindow window) {
    try {
      List<Long> trees = window.bottomTrees();
      windows.keep(
          new StoredWindowShape(rootHex(window.publicKey()), trees.get(trees.size() - 1)),
          window.encode());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "the window of the " + entry.id + " is kept in memory only: a restart recomputes it",
          e);
    }
  }

  /** Forgets the key's stored window (it was retired); a failure only leaves it stored. */
  void forget(KeyEntry entry, SigningRecord record) {
    try {
      windows.delete(rootHex(record.publicKey()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the stored window of the retired " + entry.id + " stays", e);
    }
  }

  static String rootHex(XmssPublicKey publicKey) {
    return HexFormat.of().formatHex(publicKey.root());
  }

  /** Decodes the key's stored window, if it has one that is still good. */
  Optional<PreparedWindow> stored(SigningRecord record) {
    try {
      return windows
          .fetch(rootHex(record.publicKey()))
          .map(bytes -> PreparedWindow.decode(bytes, record.seeds()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a stored window could not be used; recomputing it", e);
      return Optional.empty();
    }
  }

  /** A preparation as a named task, so a thread dump tells which key it prepares. */
  static final class WindowPreparation implements Runnable {
    private final Preparations preparations;
    private final KeyEntry entry;
    private final KeyEntry.Preparation preparation;
    private final String what;
    private final Function<LeafProgress, PreparedWindow> work;

    WindowPreparation(
        Preparations preparations,
        KeyEntry entry,
        KeyEntry.Preparation preparation,
        String what,
        Function<LeafProgress, PreparedWindow> work) {
      this.preparations = preparations;
      this.entry = entry;
      this.preparation = preparation;
      this.what = what;
      this.work = work;
    }

    @Override
    public void run() {
      preparations.run(entry, preparation, what, work);
    }
  }

  /** Restores a key's window at start: from the store if possible, then up to the wall clock. */
  static final class WindowRestoration implements Runnable {
    private final Preparations preparations;
    private final KeyEntry entry;
    private final KeyEntry.Preparation loading;

    WindowRestoration(Preparations preparations, KeyEntry entry, KeyEntry.Preparation loading) {
      this.preparations = preparations;
      this.entry = entry;
      this.loading = loading;
    }

    @Override
    public void run() {
      try {
        preparations.stored(entry.record).ifPresent(entry::install);
      } finally {
        loading.done().complete(entry.window);
        entry.ended(loading);
      }
      preparations.tick(entry);
    }
  }
}
