package dev.cachet.xmss;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 8391 §5.1's keyed hash functions for SHA-256 and n = 32 — F, H (inside RAND_HASH), H_msg and
 * PRF — bound to one key's public seed, and, when signing, its secret seeds. Not thread-safe: every
 * thread (a preparation worker, one signature) has its own instance.
 *
 * <p>Cost is what preparation is about, so: the JDK digest (it uses the CPU's SHA instructions);
 * the constant first block of every PRF call, {@code toByte(3, 32) || KEY}, is hashed once per key
 * and each call continues from a clone of that state (one compression instead of two); inputs are
 * assembled in reused buffers and outputs written in place.
 */
final class HashFunctions {

  private static final int N = XmssParameters.N;
  private static final int F_PAD = 0;
  private static final int H_PAD = 1;
  private static final int H_MSG_PAD = 2;
  private static final int PRF_PAD = 3;

  private final MessageDigest digest = sha256();
  private final MessageDigest prfPublicSeed;
  private final MessageDigest prfSecretKeySeed;
  private final MessageDigest prfWotsSeed = sha256();

  private final byte[] fInput = padded(F_PAD, 3 * N);
  private final byte[] hInput = padded(H_PAD, 4 * N);
  private final byte[] wotsSeedBlock = padded(PRF_PAD, 2 * N);
  private final byte[] masks = new byte[2 * N];

  private HashFunctions(byte[] publicSeed, byte[] secretKeySeed) {
    this.prfPublicSeed = keyed(PRF_PAD, publicSeed);
    this.prfSecretKeySeed = secretKeySeed == null ? null : keyed(PRF_PAD, secretKeySeed);
  }

  /** Functions for verifying under {@code publicSeed}: no secret derivation. */
  static HashFunctions forVerifying(byte[] publicSeed) {
    return new HashFunctions(publicSeed, null);
  }

  /** Functions for building trees and signing with {@code seeds}. */
  static HashFunctions forSigning(XmssSecretSeeds seeds) {
    return new HashFunctions(seeds.publicSeedView(), seeds.secretKeySeedView());
  }

  /**
   * Starts the WOTS+ key pair at {@code adrs} (OTS type, chain, hash and keyAndMask zero):
   * BouncyCastle's {@code wots_seed = PRF(SK_SEED, ADRS)}, kept as the state after the first block
   * of {@code PRF(wots_seed, .)} so each {@link #wotsSecret} costs one compression.
   */
  void startWotsKey(Address adrs) {
    prf(prfSecretKeySeed, adrs.bytes, wotsSeedBlock, N);
    prfWotsSeed.reset();
    prfWotsSeed.update(wotsSeedBlock, 0, 2 * N);
  }

  /** The started key's chain secret {@code sk_i = PRF(wots_seed, toByte(i, 32))}. */
  void wotsSecret(byte[] chainIndex, byte[] out, int off) {
    prf(prfWotsSeed, chainIndex, out, off);
  }

  /**
   * One WOTS+ chain iteration in place: {@code x = F(KEY, x XOR BM)} with KEY and BM from {@code
   * PRF(SEED, ADRS)}; {@code adrs} holds the chain and hash address, keyAndMask is set here.
   */
  void chainStep(Address adrs, byte[] x, int off) {
    adrs.keyAndMask(0);
    prf(prfPublicSeed, adrs.bytes, fInput, N);
    adrs.keyAndMask(1);
    prf(prfPublicSeed, adrs.bytes, masks, 0);
    byte[] in = fInput;
    for (int i = 0; i < N; i++) {
      in[2 * N + i] = (byte) (x[off + i] ^ masks[i]);
    }
    digest.update(in, 0, 3 * N);
    finish(digest, x, off);
  }

  /**
   * RFC 8391 RAND_HASH: {@code H(KEY, (left XOR BM_0) || (right XOR BM_1))}. {@code out} may
   * overlap either input; {@code adrs} holds the node's position, keyAndMask is set here.
   */
  void randHash(
      byte[] left, int leftOff, byte[] right, int rightOff, Address adrs, byte[] out, int outOff) {
    adrs.keyAndMask(0);
    prf(prfPublicSeed, adrs.bytes, hInput, N);
    adrs.keyAndMask(1);
    prf(prfPublicSeed, adrs.bytes, masks, 0);
    adrs.keyAndMask(2);
    prf(prfPublicSeed, adrs.bytes, masks, N);
    byte[] in = hInput;
    for (int i = 0; i < N; i++) {
      in[2 * N + i] = (byte) (left[leftOff + i] ^ masks[i]);
      in[3 * N + i] = (byte) (right[rightOff + i] ^ masks[N + i]);
    }
    digest.update(in, 0, 4 * N);
    finish(digest, out, outOff);
  }

  /** {@code r = PRF(SK_PRF, toByte(index, 32))}, the signature's randomness. */
  void randomness(byte[] secretKeyPrf, long index, byte[] out, int off) {
    digest.update(padded(PRF_PAD, N));
    digest.update(secretKeyPrf);
    digest.update(toBytes32(index));
    finish(digest, out, off);
  }

  /** {@code H_msg(r || root || toByte(index, 32), message)} into {@code out}. */
  void messageDigest(
      byte[] r, int rOff, byte[] root, long index, byte[] message, byte[] out, int off) {
    digest.update(padded(H_MSG_PAD, N));
    digest.update(r, rOff, N);
    digest.update(root);
    digest.update(toBytes32(index));
    digest.update(message);
    finish(digest, out, off);
  }

  private static void prf(MessageDigest keyed, byte[] message, byte[] out, int off) {
    MessageDigest d = fork(keyed);
    d.update(message, 0, N);
    finish(d, out, off);
  }

  private static MessageDigest keyed(int padding, byte[] key) {
    MessageDigest d = sha256();
    d.update(padded(padding, N));
    d.update(key, 0, N);
    return d;
  }

  private static byte[] padded(int padding, int length) {
    byte[] out = new byte[length];
    out[N - 1] = (byte) padding;
    return out;
  }

  static byte[] toBytes32(long value) {
    byte[] out = new byte[N];
    for (int i = 0; i < Long.BYTES; i++) {
      out[N - 1 - i] = (byte) (value >>> (8 * i));
    }
    return out;
  }

  private static void finish(MessageDigest d, byte[] out, int off) {
    try {
      d.digest(out, off, N);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit", e);
    }
  }

  private static MessageDigest fork(MessageDigest keyed) {
    try {
      return (MessageDigest) keyed.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 digest is cloneable", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
