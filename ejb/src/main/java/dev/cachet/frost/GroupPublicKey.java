package dev.cachet.frost;

import java.util.Objects;

/**
 * The group's public key: the element every FROST signature of the group verifies under, as if one
 * signer held the whole secret. Its RFC serialization is the bare element ({@link #serialize()});
 * {@link #encode()} adds this package's versioned header.
 */
public record GroupPublicKey(Element element) {

  public GroupPublicKey {
    Objects.requireNonNull(element, "element");
  }

  public Ciphersuite suite() {
    return element.suite();
  }

  /** SerializeElement of the key. */
  public byte[] serialize() {
    return element.toBytes();
  }

  /** DeserializeElement of a key, with the suite's full validation. */
  public static GroupPublicKey deserialize(Ciphersuite suite, byte[] bytes) {
    return new GroupPublicKey(Element.decode(suite, bytes));
  }

  /** Versioned encoding: header, then the element. */
  public byte[] encode() {
    return new EncodingWriter(EncodedType.GROUP_PUBLIC_KEY, suite()).element(element).toBytes();
  }

  public static GroupPublicKey decode(byte[] bytes) {
    EncodingReader in = EncodingReader.open(EncodedType.GROUP_PUBLIC_KEY, bytes);
    GroupPublicKey key = new GroupPublicKey(in.element());
    in.end();
    return key;
  }

  /** Whether {@code signature} is a valid signature of {@code message} under this key. */
  public boolean verify(Message message, Signature signature) {
    return SignatureVerifier.verify(this, message, signature);
  }

  @Override
  public String toString() {
    return "GroupPublicKey[" + suite().name() + ", " + element + "]";
  }
}
