package dev.cachet.frost;

import java.util.Objects;

/**
 * What one participant holds to sign: its identifier, its secret key share and the group info. An
 * instance always holds a share that passes vss_verify against the group's commitment (RFC 9591
 * Appendix D.2), so a participant never signs with a share the dealer got wrong. The encoding
 * contains the secret share: store it only through the state vault. {@link #toString()} never shows
 * the share.
 */
public record KeyPackage(ParticipantId id, Scalar signingShare, GroupInfo group) {

  public KeyPackage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(signingShare, "signingShare");
    Objects.requireNonNull(group, "group");
    if (signingShare.suite() != group.suite()) {
      throw new InvalidParametersException("key share and group of different ciphersuites");
    }
    id.requireIn(group.maxSigners());
    if (!group.commitment().verifies(id, signingShare)) {
      throw new InvalidKeyShareException(id);
    }
  }

  public Ciphersuite suite() {
    return group.suite();
  }

  /** public_key_i: this participant's public key share. */
  public Element verifyingShare() {
    return group.participantKey(id);
  }

  public GroupPublicKey groupPublicKey() {
    return group.groupPublicKey();
  }

  /** Versioned encoding: header, identifier, secret share, then the group info. */
  public byte[] encode() {
    EncodingWriter out =
        new EncodingWriter(EncodedType.KEY_PACKAGE, suite()).identifier(id).scalar(signingShare);
    group.writeTo(out);
    return out.toBytes();
  }

  /**
   * Decodes and checks a key package.
   *
   * @throws InvalidKeyShareException if the share does not match the group's commitment
   */
  public static KeyPackage decode(byte[] bytes) {
    EncodingReader in = EncodingReader.open(EncodedType.KEY_PACKAGE, bytes);
    ParticipantId id = in.identifier();
    Scalar share = in.scalar();
    GroupInfo group = GroupInfo.readFrom(in);
    in.end();
    return new KeyPackage(id, share, group);
  }

  @Override
  public String toString() {
    return "KeyPackage[participant " + id.value() + ", " + group + "]";
  }
}
