package dev.cachet.xmss;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/**
 * The slots a key can sign right now: one or two consecutive, fully prepared bottom trees, each
 * with the signature of its root by the layers above, plus the upper trees needed to prepare the
 * next one. Windows are immutable values: {@link #prepareNext} and {@link #prepareFor} compute a
 * new window while this one keeps signing, and the holder swaps the reference when it is ready.
 *
 * <p>Signing never builds a tree: a slot outside the window is reported as {@link
 * SignOutcome.NotPrepared} or {@link SignOutcome.Exhausted}. Inside it, a signature costs the WOTS+
 * signature plus, once per block of {@code 2^bottom} consecutive slots ({@link RetainedLevels}),
 * recomputing that block's leaves. The window does not know which slots were already signed: never
 * using a leaf twice is the caller's rule.
 *
 * <p>A window holds the secret seeds in memory to sign; its {@link #encode() encoding} holds only
 * public tree nodes and needs the seeds again to {@link #decode decode}.
 */
public final class PreparedWindow {

  private final XmssPublicKey publicKey;
  private final XmssSecretSeeds seeds;
  private final RetainedLevels retained;
  private final List<BottomTree> trees;
  private final UpperPath path;

  PreparedWindow(
      XmssPublicKey publicKey,
      XmssSecretSeeds seeds,
      RetainedLevels retained,
      List<BottomTree> trees,
      UpperPath path) {
    this.publicKey = publicKey;
    this.seeds = seeds;
    this.retained = retained;
    this.trees = List.copyOf(trees);
    this.path = path;
  }

  public XmssParameters parameters() {
    return publicKey.parameters();
  }

  public XmssPublicKey publicKey() {
    return publicKey;
  }

  public RetainedLevels retainedLevels() {
    return retained;
  }

  /** The first slot this window signs. */
  public long fromSlot() {
    return parameters().firstSlotOf(oldest().index());
  }

  /** The last slot this window signs (inclusive). */
  public long toSlot() {
    return parameters().firstSlotOf(newest().index() + 1) - 1;
  }

  /** Whether {@link #sign} signs {@code slot}. */
  public boolean covers(long slot) {
    return slot >= fromSlot() && slot <= toSlot();
  }

  /** Indices of the bottom trees held, oldest first (one or two). */
  public List<Long> bottomTrees() {
    return trees.stream().map(BottomTree::index).toList();
  }

  /** Slots from {@code slot} (inclusive) to the end of the key's lifetime. */
  public long remainingSlots(long slot) {
    return Math.max(0, parameters().lifetime() - Math.max(0, slot));
  }

  /**
   * Signs {@code message} with leaf {@code slot}: the RFC 8391 signature with index {@code slot}.
   * The same slot and message always give the same signature.
   *
   * @throws IllegalArgumentException for a negative slot
   */
  public SignOutcome sign(long slot, byte[] message) {
    Objects.requireNonNull(message, "message");
    if (slot < 0) {
      throw new IllegalArgumentException("slot must not be negative: " + slot);
    }
    if (slot >= parameters().lifetime()) {
      return new SignOutcome.Exhausted(slot, parameters().lifetime());
    }
    if (!covers(slot)) {
      return new SignOutcome.NotPrepared(slot, fromSlot(), toSlot(), leavesToPrepareFor(slot));
    }
    return new SignOutcome.Signed(SlotSigner.sign(publicKey, seeds, treeOf(slot), slot, message));
  }

  /**
   * Computes ahead the leaf block that signing {@code slot} needs, so that signing it costs only
   * its WOTS+ signature. Slots are global, so every key on a node crosses a block boundary at the
   * same slot; calling this off the signing path shortly before a boundary keeps those
   * recomputations away from the signatures. The window remembers two blocks per bottom tree.
   *
   * @return whether the slot is in the window (otherwise nothing is computed)
   */
  public boolean precomputeBlock(long slot) {
    if (!covers(slot)) {
      return false;
    }
    BottomTree tree = treeOf(slot);
    int leaf = (int) (slot & (parameters().leavesPerTree() - 1));
    tree.blockFor(new TreeHasher(HashFunctions.forSigning(seeds)), leaf);
    return true;
  }

  /**
   * The bottom tree {@link #prepareNext} computes, empty when this window already holds the key's
   * last bottom tree.
   */
  public OptionalLong nextBottomTree() {
    long next = newest().index() + 1;
    return next < parameters().bottomTreeCount() ? OptionalLong.of(next) : OptionalLong.empty();
  }

  /**
   * A new window with this window's newest bottom tree and the one after it, built with the
   * executor's threads (the calling thread works too). This window is unchanged and keeps signing
   * meanwhile.
   *
   * @throws XmssKeyExhaustedException if this window holds the key's last bottom tree
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
   */
  public PreparedWindow prepareNext(Executor executor) {
    return prepareNext(executor, LeafProgress.NONE);
  }

  /**
   * {@link #prepareNext(Executor)}, reporting the leaves it computes to {@code progress} (they add
   * up to {@link #leavesToPrepareNext()}).
   */
  public PreparedWindow prepareNext(Executor executor, LeafProgress progress) {
    long next = newest().index() + 1;
    if (next >= parameters().bottomTreeCount()) {
      throw new XmssKeyExhaustedException(parameters(), next);
    }
    WindowBuilder builder = builder(progress);
    UpperPath nextPath = builder.pathAbove(next, path, executor);
    BottomTree tree = builder.bottomTree(next, nextPath, executor);
    return new PreparedWindow(publicKey, seeds, retained, List.of(newest(), tree), nextPath);
  }

  /**
   * A window that signs {@code slot}: this one if it does, the next one if the slot is in the next
   * bottom tree, otherwise a window of just the slot's bottom tree (catching up after downtime
   * builds that tree and the upper trees above it, nothing in between). Call {@link #prepareNext}
   * on the result to add the tree after it.
   *
   * @throws XmssKeyExhaustedException if the slot is past the key's lifetime
   * @throws IllegalArgumentException for a negative slot
   */
  public PreparedWindow prepareFor(long slot, Executor executor) {
    return prepareFor(slot, executor, LeafProgress.NONE);
  }

  /**
   * {@link #prepareFor(long, Executor)}, reporting the leaves it computes to {@code progress} (they
   * add up to {@link #leavesToPrepareFor(long)}).
   */
  public PreparedWindow prepareFor(long slot, Executor executor, LeafProgress progress) {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must not be negative: " + slot);
    }
    long index = parameters().bottomTreeOf(slot);
    if (slot >= parameters().lifetime()) {
      throw new XmssKeyExhaustedException(parameters(), index);
    }
    if (covers(slot)) {
      return this;
    }
    if (index == newest().index() + 1) {
      return prepareNext(executor, progress);
    }
    WindowBuilder builder = builder(progress);
    UpperPath slotPath = builder.pathAbove(index, path, executor);
    BottomTree tree = builder.bottomTree(index, slotPath, executor);
    return new PreparedWindow(publicKey, seeds, retained, List.of(tree), slotPath);
  }

  /** Leaves {@link #prepareNext} computes (a leaf is 3,347 SHA-256 calls); 0 when exhausted. */
  public long leavesToPrepareNext() {
    return nextBottomTree().isPresent() ? builder().leavesToPrepare(newest().index() + 1, path) : 0;
  }

  /** Leaves {@link #prepareFor} computes for {@code slot}; 0 if covered or past the lifetime. */
  public long leavesToPrepareFor(long slot) {
    if (slot < 0 || slot >= parameters().lifetime() || covers(slot)) {
      return 0;
    }
    return builder().leavesToPrepare(parameters().bottomTreeOf(slot), path);
  }

  /**
   * Bytes this window holds beyond fixed overhead: retained nodes of its bottom and upper trees,
   * the upper signatures, and the leaf blocks it remembers.
   */
  public long retainedBytes() {
    long bytes = path.byteSize();
    for (BottomTree tree : trees) {
      bytes += tree.byteSize();
    }
    return bytes;
  }

  /** The versioned encoding: public tree nodes only, no secret (see {@link WindowCodec}). */
  public byte[] encode() {
    return WindowCodec.encode(this);
  }

  /** The key and newest tree of an encoded window, if {@code bytes} have a window's layout. */
  public static Optional<StoredWindowShape> shapeOf(byte[] bytes) {
    return WindowCodec.shape(bytes);
  }

  /**
   * Decodes {@link #encode()}'s output for the key of {@code seeds}, checking that its trees hash
   * up to its public root and that the seeds reproduce them.
   *
   * @throws XmssEncodingException for malformed bytes
   * @throws XmssWindowMismatchException if the window does not belong to these seeds
   */
  public static PreparedWindow decode(byte[] bytes, XmssSecretSeeds seeds) {
    return WindowCodec.decode(bytes, seeds);
  }

  List<BottomTree> treesView() {
    return trees;
  }

  UpperPath path() {
    return path;
  }

  private WindowBuilder builder() {
    return builder(LeafProgress.NONE);
  }

  private WindowBuilder builder(LeafProgress progress) {
    return new WindowBuilder(parameters(), seeds, retained, progress);
  }

  private BottomTree treeOf(long slot) {
    return trees.get((int) (parameters().bottomTreeOf(slot) - oldest().index()));
  }

  private BottomTree oldest() {
    return trees.get(0);
  }

  private BottomTree newest() {
    return trees.get(trees.size() - 1);
  }

  @Override
  public String toString() {
    return "PreparedWindow["
        + parameters().name()
        + ", slots "
        + fromSlot()
        + ".."
        + toSlot()
        + "]";
  }
}
