package dev.cachet.xmss;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An XMSS^MT public key: parameter set, root of the top tree and public seed. Two byte forms:
 *
 * <ul>
 *   <li>{@link #rfcBytes()}: RFC 8391's {@code OID || root || SEED} as BouncyCastle writes it, i.e.
 *       without the OID for sets the RFC does not list (such as h = 32, d = 2);
 *   <li>{@link #encode()}: our versioned form, which names every set explicitly:
 *       <pre>
 *   u8 version (1), u8 h, u8 d, 32 root, 32 publicSeed
 * </pre>
 * </ul>
 */
public final class XmssPublicKey {

  /** Encoding version written by {@link #encode()}. */
  public static final int VERSION = 1;

  /** Length of {@link #encode()}'s output. */
  public static final int ENCODED_LENGTH = 3 + 2 * XmssParameters.N;

  private static final int OID_BYTES = 4;

  private final XmssParameters parameters;
  private final byte[] root;
  private final byte[] publicSeed;

  private XmssPublicKey(XmssParameters parameters, byte[] root, byte[] publicSeed) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.root = root;
    this.publicSeed = publicSeed;
  }

  /** A key of copies of the 32-byte root and public seed. */
  public static XmssPublicKey of(XmssParameters parameters, byte[] root, byte[] publicSeed) {
    return new XmssPublicKey(parameters, copy32(root, "root"), copy32(publicSeed, "publicSeed"));
  }

  private static byte[] copy32(byte[] bytes, String name) {
    if (Objects.requireNonNull(bytes, name).length != XmssParameters.N) {
      throw new IllegalArgumentException(name + " must be 32 bytes, got " + bytes.length);
    }
    return bytes.clone();
  }

  public XmssParameters parameters() {
    return parameters;
  }

  public byte[] root() {
    return root.clone();
  }

  public byte[] publicSeed() {
    return publicSeed.clone();
  }

  byte[] rootView() {
    return root;
  }

  byte[] publicSeedView() {
    return publicSeed;
  }

  /** RFC 8391 / BouncyCastle layout: {@code [OID (4, big-endian)] || root || SEED}. */
  public byte[] rfcBytes() {
    OptionalInt oid = parameters.rfcOid();
    ByteBuffer out = ByteBuffer.allocate((oid.isPresent() ? OID_BYTES : 0) + 2 * XmssParameters.N);
    oid.ifPresent(out::putInt);
    return out.put(root).put(publicSeed).array();
  }

  /**
   * Reads the RFC 8391 / BouncyCastle layout for {@code parameters}: with an OID, which must be the
   * set's own, or without one (BouncyCastle's form for sets without an OID).
   *
   * @throws XmssEncodingException for another length or OID
   */
  public static XmssPublicKey fromRfcBytes(XmssParameters parameters, byte[] bytes) {
    int n = XmssParameters.N;
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length == OID_BYTES + 2 * n) {
      int oid = in.getInt();
      if (parameters.rfcOid().orElse(0) != oid) {
        throw new XmssEncodingException(
            "public key OID " + oid + " does not name " + parameters.name());
      }
    } else if (bytes.length != 2 * n) {
      throw XmssEncodingException.wrongLength("RFC public key", OID_BYTES + 2 * n, bytes.length);
    }
    byte[] root = new byte[n];
    byte[] seed = new byte[n];
    in.get(root).get(seed);
    return new XmssPublicKey(parameters, root, seed);
  }

  /** The versioned encoding. */
  public byte[] encode() {
    return ByteBuffer.allocate(ENCODED_LENGTH)
        .put((byte) VERSION)
        .put((byte) parameters.totalHeight())
        .put((byte) parameters.layers())
        .put(root)
        .put(publicSeed)
        .array();
  }

  /**
   * Decodes {@link #encode()}'s output.
   *
   * @throws XmssEncodingException for another version or length
   * @throws XmssParametersException if the heights are not a valid set
   */
  public static XmssPublicKey decode(byte[] bytes) {
    if (bytes.length != ENCODED_LENGTH) {
      throw XmssEncodingException.wrongLength("public key", ENCODED_LENGTH, bytes.length);
    }
    if (bytes[0] != VERSION) {
      throw XmssEncodingException.unknownVersion("public key", Byte.toUnsignedInt(bytes[0]));
    }
    XmssParameters parameters =
        new XmssParameters(Byte.toUnsignedInt(bytes[1]), Byte.toUnsignedInt(bytes[2]));
    int n = XmssParameters.N;
    return new XmssPublicKey(
        parameters,
        Arrays.copyOfRange(bytes, 3, 3 + n),
        Arrays.copyOfRange(bytes, 3 + n, 3 + 2 * n));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XmssPublicKey other
        && parameters.equals(other.parameters)
        && Arrays.equals(root, other.root)
        && Arrays.equals(publicSeed, other.publicSeed);
  }

  @Override
  public int hashCode() {
    return 31 * parameters.hashCode() + Arrays.hashCode(root);
  }

  @Override
  public String toString() {
    return "XmssPublicKey[" + parameters.name() + ", root=" + HexFormat.of().formatHex(root) + "]";
  }
}
