package dev.cachet.xmss;

import java.util.Arrays;
import java.util.Objects;

/**
 * An XMSS^MT signature in the RFC 8391 layout, {@code idx_sig || r || (sig_ots || auth) x d}, with
 * the parameter set it was made under. {@link #rfcBytes()} is what any conforming verifier
 * (BouncyCastle's {@code XMSSMTSigner}) reads; {@link #encode()} adds a versioned header naming the
 * set, for storage:
 *
 * <pre>
 *   u8 version (1), u8 h, u8 d, RFC 8391 signature bytes
 * </pre>
 */
public final class XmssSignature {

  /** Encoding version written by {@link #encode()}. */
  public static final int VERSION = 1;

  private static final int HEADER = 3;

  private final XmssParameters parameters;
  private final byte[] bytes;

  private XmssSignature(XmssParameters parameters, byte[] bytes) {
    this.parameters = parameters;
    this.bytes = bytes;
  }

  /**
   * A signature of a copy of {@code rfcBytes} under {@code parameters}.
   *
   * @throws XmssEncodingException if the length is not that of the set's signatures
   */
  public static XmssSignature fromRfcBytes(XmssParameters parameters, byte[] rfcBytes) {
    Objects.requireNonNull(parameters, "parameters");
    if (rfcBytes.length != parameters.signatureLength()) {
      throw XmssEncodingException.wrongLength(
          parameters.name() + " signature", parameters.signatureLength(), rfcBytes.length);
    }
    return new XmssSignature(parameters, rfcBytes.clone());
  }

  /** Wraps bytes this package assembled; no copy. */
  static XmssSignature wrap(XmssParameters parameters, byte[] rfcBytes) {
    return new XmssSignature(parameters, rfcBytes);
  }

  public XmssParameters parameters() {
    return parameters;
  }

  /** The leaf index (slot) the signature claims, read from its first ceil(h/8) bytes. */
  public long index() {
    long index = 0;
    for (int i = 0; i < parameters.indexBytes(); i++) {
      index = (index << 8) | Byte.toUnsignedLong(bytes[i]);
    }
    return index;
  }

  /** The RFC 8391 bytes. */
  public byte[] rfcBytes() {
    return bytes.clone();
  }

  byte[] view() {
    return bytes;
  }

  /** The versioned encoding. */
  public byte[] encode() {
    byte[] out = new byte[HEADER + bytes.length];
    out[0] = VERSION;
    out[1] = (byte) parameters.totalHeight();
    out[2] = (byte) parameters.layers();
    System.arraycopy(bytes, 0, out, HEADER, bytes.length);
    return out;
  }

  /**
   * Decodes {@link #encode()}'s output.
   *
   * @throws XmssEncodingException for another version or a length that does not fit the set
   * @throws XmssParametersException if the heights are not a valid set
   */
  public static XmssSignature decode(byte[] encoded) {
    if (encoded.length < HEADER) {
      throw new XmssEncodingException("signature encoding of " + encoded.length + " bytes");
    }
    if (encoded[0] != VERSION) {
      throw XmssEncodingException.unknownVersion("signature", Byte.toUnsignedInt(encoded[0]));
    }
    XmssParameters parameters =
        new XmssParameters(Byte.toUnsignedInt(encoded[1]), Byte.toUnsignedInt(encoded[2]));
    if (encoded.length != HEADER + parameters.signatureLength()) {
      throw XmssEncodingException.wrongLength(
          parameters.name() + " signature", HEADER + parameters.signatureLength(), encoded.length);
    }
    return new XmssSignature(parameters, Arrays.copyOfRange(encoded, HEADER, encoded.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XmssSignature other
        && parameters.equals(other.parameters)
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "XmssSignature[" + parameters.name() + ", index=" + index() + "]";
  }
}
