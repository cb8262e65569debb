package dev.cachet.xmss;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A prepared bottom tree: its index, retained levels, and the signature of its root by the layers
 * above ({@code (sig_ots || auth) x (d-1)}), which every slot's signature in this tree ends with.
 * Immutable in what it signs; it also remembers the last leaf block it recomputed, since
 * consecutive slots share a block (a cache only: any block gives the same signature).
 */
final class BottomTree {

  private final long index;
  private final TreeLevels levels;
  private final byte[] upperSignature;
  private final AtomicReference<LeafBlock> lastBlock = new AtomicReference<>();

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
    LeafBlock block = lastBlock.get();
    if (block == null || !block.covers(leaf)) {
      block = AuthPath.blockFor(hasher, levels, 0, index, leaf);
      lastBlock.set(block);
    }
    return block;
  }

  /** Bytes held: retained nodes, upper signature and the remembered block. */
  long byteSize() {
    LeafBlock block = lastBlock.get();
    return levels.byteSize() + upperSignature.length + (block == null ? 0 : block.byteSize());
  }
}
