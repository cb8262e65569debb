package dev.cachet.xmss;

/**
 * RFC 8391 §2.5 hash address (ADRS), kept directly as its 32-byte big-endian form so hashing needs
 * no conversion: layer (word 0), tree (words 1–2), type (word 3), then four type-specific words.
 * Mutable and reused in the inner loops; one per thread.
 */
final class Address {

  static final int OTS = 0;
  static final int L_TREE = 1;
  static final int HASH_TREE = 2;

  static final int LENGTH = 32;

  final byte[] bytes = new byte[LENGTH];

  /** Sets layer, tree and type and clears the four type-specific words. */
  Address at(int layer, long tree, int type) {
    putInt(0, layer);
    putInt(4, (int) (tree >>> 32));
    putInt(8, (int) tree);
    putInt(12, type);
    for (int i = 16; i < LENGTH; i++) {
      bytes[i] = 0;
    }
    return this;
  }

  /** OTS address (OTS type) or L-tree address (L-tree type): word 4. */
  Address keyPair(int index) {
    putInt(16, index);
    return this;
  }

  /** Chain address (OTS type) or tree height (L-tree and hash-tree types): word 5. */
  Address chainOrHeight(int value) {
    putInt(20, value);
    return this;
  }

  /** Hash address (OTS type) or tree index (L-tree and hash-tree types): word 6. */
  Address hashOrIndex(int value) {
    putInt(24, value);
    return this;
  }

  /** keyAndMask: word 7. */
  void keyAndMask(int value) {
    bytes[31] = (byte) value;
  }

  private void putInt(int offset, int value) {
    bytes[offset] = (byte) (value >>> 24);
    bytes[offset + 1] = (byte) (value >>> 16);
    bytes[offset + 2] = (byte) (value >>> 8);
    bytes[offset + 3] = (byte) value;
  }
}
