package dev.cachet.xmss;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The retained levels of one tree: every node at height {@code lowest} and above, level by level.
 * Filled once while the tree is built (workers write disjoint ranges), then only read; what lies
 * below {@code lowest} is recomputed on demand from the seeds.
 */
final class TreeLevels implements NodeSink {

  private static final int N = XmssParameters.N;

  private final int height;
  private final int lowest;
  private final byte[][] levels;

  TreeLevels(int height, int lowest) {
    this.height = height;
    this.lowest = lowest;
    this.levels = new byte[height - lowest + 1][];
    for (int j = lowest; j <= height; j++) {
      levels[j - lowest] = new byte[(1 << (height - j)) * N];
    }
  }

  int height() {
    return height;
  }

  int lowest() {
    return lowest;
  }

  @Override
  public void put(int h, int index, byte[] node, int off) {
    if (h >= lowest) {
      System.arraycopy(node, off, levels[h - lowest], index * N, N);
    }
  }

  void copyNode(int h, int index, byte[] out, int off) {
    System.arraycopy(levels[h - lowest], index * N, out, off, N);
  }

  boolean nodeEquals(int h, int index, byte[] node, int off) {
    return Arrays.equals(levels[h - lowest], index * N, (index + 1) * N, node, off, off + N);
  }

  byte[] root() {
    return levels[height - lowest].clone();
  }

  /** Computes every level above {@code from} from level {@code from}. */
  void fillAbove(int from, TreeHasher hasher, int layer, long tree) {
    for (int h = from + 1; h <= height; h++) {
      byte[] below = levels[h - 1 - lowest];
      byte[] level = levels[h - lowest];
      for (int i = 0; i < (1 << (height - h)); i++) {
        hasher.parent(layer, tree, h, i, below, 2 * i * N, below, (2 * i + 1) * N, level, i * N);
      }
    }
  }

  /** Whether every retained node above the lowest level is the hash of its two children. */
  boolean isConsistent(TreeHasher hasher, int layer, long tree) {
    byte[] node = new byte[N];
    for (int h = lowest + 1; h <= height; h++) {
      byte[] below = levels[h - 1 - lowest];
      for (int i = 0; i < (1 << (height - h)); i++) {
        hasher.parent(layer, tree, h, i, below, 2 * i * N, below, (2 * i + 1) * N, node, 0);
        if (!nodeEquals(h, i, node, 0)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Bytes of node values held. */
  int byteSize() {
    return byteSize(height, lowest);
  }

  static int byteSize(int height, int lowest) {
    return ((1 << (height - lowest + 1)) - 1) * N;
  }

  void writeTo(ByteBuffer out) {
    for (byte[] level : levels) {
      out.put(level);
    }
  }

  static TreeLevels readFrom(ByteBuffer in, int height, int lowest) {
    TreeLevels tree = new TreeLevels(height, lowest);
    for (byte[] level : tree.levels) {
      in.get(level);
    }
    return tree;
  }
}
