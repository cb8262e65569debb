package dev.cachet.xmss;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The secret part of an XMSS^MT key, named as RFC 8391 and BouncyCastle name them: {@code SK_SEED}
 * (WOTS+ secret keys), {@code SK_PRF} (signature randomness) and the public {@code SEED} (kept here
 * too, since the secret part alone must regenerate every tree). Everything else — trees, roots,
 * windows — follows from these 96 bytes. The caller encrypts the encoding; {@link #toString()}
 * never shows a byte.
 *
 * <pre>
 *   u8  encoding version (1)
 *   32  secretKeySeed, 32 secretKeyPrf, 32 publicSeed
 * </pre>
 */
public final class XmssSecretSeeds {

  /** Encoding version written by {@link #encode()}. */
  public static final int VERSION = 1;

  /** Length of {@link #encode()}'s output. */
  public static final int ENCODED_LENGTH = 1 + 3 * XmssParameters.N;

  private final byte[] secretKeySeed;
  private final byte[] secretKeyPrf;
  private final byte[] publicSeed;

  private XmssSecretSeeds(byte[] secretKeySeed, byte[] secretKeyPrf, byte[] publicSeed) {
    this.secretKeySeed = secretKeySeed;
    this.secretKeyPrf = secretKeyPrf;
    this.publicSeed = publicSeed;
  }

  /** Seeds of copies of the three 32-byte arrays. */
  public static XmssSecretSeeds of(byte[] secretKeySeed, byte[] secretKeyPrf, byte[] publicSeed) {
    return new XmssSecretSeeds(
        checked(secretKeySeed, "secretKeySeed"),
        checked(secretKeyPrf, "secretKeyPrf"),
        checked(publicSeed, "publicSeed"));
  }

  /** Fresh seeds drawn in BouncyCastle's order: SK_SEED, SK_PRF, SEED. */
  public static XmssSecretSeeds generate(SecureRandom random) {
    byte[][] seeds = new byte[3][XmssParameters.N];
    for (byte[] seed : seeds) {
      random.nextBytes(seed);
    }
    return new XmssSecretSeeds(seeds[0], seeds[1], seeds[2]);
  }

  private static byte[] checked(byte[] seed, String name) {
    Objects.requireNonNull(seed, name);
    if (seed.length != XmssParameters.N) {
      throw new IllegalArgumentException(name + " must be 32 bytes, got " + seed.length);
    }
    return seed.clone();
  }

  public byte[] secretKeySeed() {
    return secretKeySeed.clone();
  }

  public byte[] secretKeyPrf() {
    return secretKeyPrf.clone();
  }

  public byte[] publicSeed() {
    return publicSeed.clone();
  }

  byte[] secretKeySeedView() {
    return secretKeySeed;
  }

  byte[] secretKeyPrfView() {
    return secretKeyPrf;
  }

  byte[] publicSeedView() {
    return publicSeed;
  }

  /** The versioned encoding; secret, so the caller encrypts it. */
  public byte[] encode() {
    byte[] out = new byte[ENCODED_LENGTH];
    out[0] = VERSION;
    System.arraycopy(secretKeySeed, 0, out, 1, XmssParameters.N);
    System.arraycopy(secretKeyPrf, 0, out, 1 + XmssParameters.N, XmssParameters.N);
    System.arraycopy(publicSeed, 0, out, 1 + 2 * XmssParameters.N, XmssParameters.N);
    return out;
  }

  /**
   * Decodes {@link #encode()}'s output.
   *
   * @throws XmssEncodingException for another version or length
   */
  public static XmssSecretSeeds decode(byte[] bytes) {
    if (bytes.length != ENCODED_LENGTH) {
      throw XmssEncodingException.wrongLength("secret seeds", ENCODED_LENGTH, bytes.length);
    }
    if (bytes[0] != VERSION) {
      throw XmssEncodingException.unknownVersion("secret seeds", Byte.toUnsignedInt(bytes[0]));
    }
    int n = XmssParameters.N;
    return new XmssSecretSeeds(
        Arrays.copyOfRange(bytes, 1, 1 + n),
        Arrays.copyOfRange(bytes, 1 + n, 1 + 2 * n),
        Arrays.copyOfRange(bytes, 1 + 2 * n, 1 + 3 * n));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XmssSecretSeeds other
        && MessageDigest.isEqual(secretKeySeed, other.secretKeySeed)
        && MessageDigest.isEqual(secretKeyPrf, other.secretKeyPrf)
        && MessageDigest.isEqual(publicSeed, other.publicSeed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicSeed);
  }

  @Override
  public String toString() {
    return "XmssSecretSeeds[redacted]";
  }
}
