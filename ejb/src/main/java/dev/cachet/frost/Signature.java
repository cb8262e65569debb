package dev.cachet.frost;

import java.util.Arrays;
import java.util.Objects;

/**
 * A FROST signature (R, z), a plain Schnorr signature under the group public key. Its RFC 9591
 * Appendix B encoding, SerializeElement(R) || SerializeScalar(z), is {@link #serialize()}; {@link
 * #encode()} adds this package's versioned header.
 */
public record Signature(Element r, Scalar z) {

  public Signature {
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(z, "z");
    if (r.suite() != z.suite()) {
      throw new InvalidParametersException("R and z of different ciphersuites");
    }
  }

  public Ciphersuite suite() {
    return r.suite();
  }

  /** The RFC's canonical encoding: Ne bytes of R, then Ns bytes of z. */
  public byte[] serialize() {
    byte[] rBytes = r.encodingView();
    byte[] out = Arrays.copyOf(rBytes, rBytes.length + suite().scalarLength());
    byte[] zBytes = z.toBytes();
    System.arraycopy(zBytes, 0, out, rBytes.length, zBytes.length);
    return out;
  }

  /** Reads the RFC's canonical encoding, validating R and z. */
  public static Signature deserialize(Ciphersuite suite, byte[] bytes) {
    int ne = suite.elementLength();
    if (bytes.length != ne + suite.scalarLength()) {
      throw FrostEncodingException.malformed(
          "signature", "expected " + (ne + suite.scalarLength()) + " bytes, got " + bytes.length);
    }
    return new Signature(
        Element.decode(suite, Arrays.copyOfRange(bytes, 0, ne)),
        Scalar.decode(suite, Arrays.copyOfRange(bytes, ne, bytes.length)));
  }

  /** Versioned encoding: header, then the RFC's encoding. */
  public byte[] encode() {
    return new EncodingWriter(EncodedType.SIGNATURE, suite()).element(r).scalar(z).toBytes();
  }

  public static Signature decode(byte[] bytes) {
    EncodingReader in = EncodingReader.open(EncodedType.SIGNATURE, bytes);
    Signature signature = new Signature(in.element(), in.scalar());
    in.end();
    return signature;
  }
}
