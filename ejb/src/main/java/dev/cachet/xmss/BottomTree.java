package dev.cachet.xmss;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A prepared bottom tree: its index, retained levels, and the signature of its root by the layers
 * above ({@code (sig_ots || auth) x (d-1)}), which every slot's signature in this tree ends with.
 * Immutable in what it signs; it also remembers the two leaf blocks it recomputed last, since
 * consecutive slots share a block and the next block may be computed ahead (a cache only: a
 * remembered block and a recomputed one give the same signature).
 */
final class BottomTree {

  private final long index;
  private final TreeLevels levels;
  private final byte[] upperSignature;
  private final AtomicReference<RecentBlocks> recent = new AtomicReference<>(RecentBlocks.NONE);

  BottomTree(long index, TreeLevels levels, byte[] upperSignature) {
    this.index = index;
    this.levels = levels;
    this.upperSignature = upperSignature;
  }

  long index() {
    return index;
  }

  TreeLevels levels() {
    return levels;
  }

  byte[] upperSignatureView() {
    return upperSignature;
  }

  /** The block below the retained levels that holds {@code leaf}, recomputed unless remembered. */
  LeafBlock blockFor(TreeHasher hasher, int leaf) {
    if (levels.lowest() == 0) {
      return null;
    }
    LeafBlock block = recent.get().covering(leaf);
    if (block == null) {
      LeafBlock computed = LeafBlock.compute(hasher, levels, 0, index, leaf);
      recent.updateAndGet(r -> r.covering(leaf) == null ? r.with(computed) : r);
      block = computed;
    }
    return block;
  }

  /** Bytes held: retained nodes, upper signature and the remembered blocks. */
  long byteSize() {
    return levels.byteSize() + upperSignature.length + recent.get().byteSize();
  }

  /** The two most recently computed leaf blocks, newest first (either may be null). */
  private record RecentBlocks(LeafBlock newest, LeafBlock older) {

    static final RecentBlocks NONE = new RecentBlocks(null, null);

    LeafBlock covering(int leaf) {
      if (newest != null && newest.covers(leaf)) {
        return newest;
      }
      return older != null && older.covers(leaf) ? older : null;
    }

    RecentBlocks with(LeafBlock block) {
      return new RecentBlocks(block, newest);
    }

    long byteSize() {
      return (newest == null ? 0 : newest.byteSize()) + (older == null ? 0 : older.byteSize());
    }
  }
}
