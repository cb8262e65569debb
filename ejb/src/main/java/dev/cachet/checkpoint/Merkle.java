package dev.cachet.checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary SHA-256 Merkle root of checkpoint state: over leaves {@code L_i}, each level hashes
 * pairs as {@code SHA-256(0x01 || left || right)} and carries an odd last node up unchanged; the
 * root of one leaf is that leaf, of none {@link Bytes32#ZERO}. Leaves are hashed by their makers
 * with a 0x00 prefix, so a leaf never passes for a node.
 */
public final class Merkle {

  private static final byte[] NODE = {1};

  private Merkle() {}

  public static Bytes32 root(List<Bytes32> leaves) {
    if (leaves.isEmpty()) {
      return Bytes32.ZERO;
    }
    List<Bytes32> level = new ArrayList<>(leaves);
    while (level.size() > 1) {
      List<Bytes32> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(Bytes32.sha256(NODE, level.get(i).bytes(), level.get(i + 1).bytes()));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    return level.get(0);
  }

  /** The root of transactions: leaves {@code SHA-256(0x00 || txHash)}, in block order. */
  public static Bytes32 txRoot(List<Tx> txs) {
    List<Bytes32> leaves = new ArrayList<>(txs.size());
    for (Tx tx : txs) {
      leaves.add(Bytes32.sha256(new byte[] {0}, tx.hash().bytes()));
    }
    return root(leaves);
  }
}
