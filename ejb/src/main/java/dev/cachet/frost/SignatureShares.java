package dev.cachet.frost;

import java.util.List;
import java.util.Objects;

/**
 * A signer's round-two output for a batched session: one signature share z_i per message, in the
 * batch's message order. This is what the signer sends back to the coordinator.
 */
public record SignatureShares(ParticipantId id, List<Scalar> shares) {

  public SignatureShares {
    Objects.requireNonNull(id, "id");
    shares = List.copyOf(Objects.requireNonNull(shares, "shares"));
    if (shares.isEmpty() || shares.size() > SigningPackage.MAX_MESSAGES) {
      throw new InvalidParametersException(
          "a batch has 1 to " + SigningPackage.MAX_MESSAGES + " shares");
    }
    Ciphersuite suite = shares.get(0).suite();
    for (Scalar s : shares) {
      if (s.suite() != suite) {
        throw new InvalidParametersException("shares of different ciphersuites");
      }
    }
  }

  public Ciphersuite suite() {
    return shares.get(0).suite();
  }

  /** Versioned encoding: header, identifier, count, then SerializeScalar of each share. */
  public byte[] encode() {
    EncodingWriter out =
        new EncodingWriter(EncodedType.SIGNATURE_SHARES, suite()).identifier(id).u16(shares.size());
    shares.forEach(out::scalar);
    return out.toBytes();
  }

  public static SignatureShares decode(byte[] bytes) {
    EncodingReader in = EncodingReader.open(EncodedType.SIGNATURE_SHARES, bytes);
    ParticipantId id = in.identifier();
    int count = in.count("share", SigningPackage.MAX_MESSAGES);
    Scalar[] shares = new Scalar[count];
    for (int k = 0; k < count; k++) {
      shares[k] = in.scalar();
    }
    in.end();
    return new SignatureShares(id, List.of(shares));
  }
}
