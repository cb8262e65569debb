package dev.cachet.xmss;

/**
 * WOTS+ for n = 32, w = 16 (RFC 8391 §3) and the L-tree that compresses a WOTS+ public key into a
 * tree leaf (§4.1.5). Chain secrets are derived as BouncyCastle derives them, {@code sk_i =
 * PRF(PRF(SK_SEED, ADRS), toByte(i, 32))}, so leaves, roots and signatures equal BouncyCastle's.
 * Not thread-safe: it reuses one chains buffer and one address.
 */
final class Wots {

  static final int LEN = XmssParameters.WOTS_LEN;
  static final int SIGNATURE_LENGTH = LEN * XmssParameters.N;

  private static final int N = XmssParameters.N;
  private static final int LEN1 = 64;
  private static final int MAX_DIGIT = 15;

  private final HashFunctions hash;
  private final Address adrs = new Address();
  private final byte[] chains = new byte[SIGNATURE_LENGTH];
  private final byte[] chainIndex = new byte[N];
  private final int[] digits = new int[LEN];

  Wots(HashFunctions hash) {
    this.hash = hash;
  }

  /** The tree leaf of key pair {@code leaf}: its WOTS+ public key compressed by the L-tree. */
  void leaf(int layer, long tree, int leaf, byte[] out, int off) {
    startKey(layer, tree, leaf);
    for (int c = 0; c < LEN; c++) {
      secret(c, chains, c * N);
      chain(c, 0, MAX_DIGIT, chains, c * N);
    }
    lTree(layer, tree, leaf, out, off);
  }

  /** The WOTS+ signature of the 32-byte {@code digest} by key pair {@code leaf}, into out. */
  void sign(byte[] digest, int digestOff, int layer, long tree, int leaf, byte[] out, int off) {
    baseW(digest, digestOff);
    startKey(layer, tree, leaf);
    for (int c = 0; c < LEN; c++) {
      secret(c, out, off + c * N);
      chain(c, 0, digits[c], out, off + c * N);
    }
  }

  /**
   * The leaf that a WOTS+ signature of {@code digest} by key pair {@code leaf} implies: the public
   * key completed from the signature's chains, compressed by the L-tree. Equals the real leaf
   * exactly when the signature is valid.
   */
  void leafFromSignature(
      byte[] signature,
      int sigOff,
      byte[] digest,
      int digestOff,
      int layer,
      long tree,
      int leaf,
      byte[] out,
      int off) {
    baseW(digest, digestOff);
    System.arraycopy(signature, sigOff, chains, 0, SIGNATURE_LENGTH);
    adrs.at(layer, tree, Address.OTS).keyPair(leaf);
    for (int c = 0; c < LEN; c++) {
      chain(c, digits[c], MAX_DIGIT - digits[c], chains, c * N);
    }
    lTree(layer, tree, leaf, out, off);
  }

  private void startKey(int layer, long tree, int leaf) {
    hash.startWotsKey(adrs.at(layer, tree, Address.OTS).keyPair(leaf));
  }

  private void secret(int c, byte[] out, int off) {
    chainIndex[N - 1] = (byte) c;
    hash.wotsSecret(chainIndex, out, off);
  }

  private void chain(int c, int start, int steps, byte[] x, int off) {
    adrs.chainOrHeight(c);
    for (int j = start; j < start + steps; j++) {
      adrs.hashOrIndex(j);
      hash.chainStep(adrs, x, off);
    }
  }

  /** RFC 8391 base_w of the digest (64 nibbles) followed by the 3-nibble checksum. */
  private void baseW(byte[] digest, int off) {
    int checksum = 0;
    for (int i = 0; i < LEN1 / 2; i++) {
      int b = digest[off + i] & 0xff;
      digits[2 * i] = b >>> 4;
      digits[2 * i + 1] = b & MAX_DIGIT;
      checksum += 2 * MAX_DIGIT - digits[2 * i] - digits[2 * i + 1];
    }
    // checksum << 4 as two bytes, read as three nibbles (len2 = 3)
    digits[LEN1] = (checksum >>> 8) & MAX_DIGIT;
    digits[LEN1 + 1] = (checksum >>> 4) & MAX_DIGIT;
    digits[LEN1 + 2] = checksum & MAX_DIGIT;
  }

  /** RFC 8391 ltree over the chains buffer, in place; an odd last node moves up unhashed. */
  private void lTree(int layer, long tree, int leaf, byte[] out, int off) {
    adrs.at(layer, tree, Address.L_TREE).keyPair(leaf);
    int length = LEN;
    int height = 0;
    while (length > 1) {
      adrs.chainOrHeight(height);
      int pairs = length / 2;
      for (int i = 0; i < pairs; i++) {
        adrs.hashOrIndex(i);
        hash.randHash(chains, 2 * i * N, chains, (2 * i + 1) * N, adrs, chains, i * N);
      }
      if ((length & 1) == 1) {
        System.arraycopy(chains, (length - 1) * N, chains, pairs * N, N);
      }
      length = (length + 1) / 2;
      height++;
    }
    System.arraycopy(chains, 0, out, off, N);
  }
}
