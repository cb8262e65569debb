package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import dev.cachet.peer.Ed25519;
import java.util.Arrays;
import java.util.Objects;

/** One member's Ed25519 signature over a {@link HandoffStatement}'s signed bytes. */
public record Attestation(IdentityKey signer, byte[] signature) {

  public Attestation {
    Objects.requireNonNull(signer, "signer");
    signature = signature.clone();
  }

  public boolean verifies(HandoffStatement statement) {
    return Ed25519.verify(signer, statement.signedBytes(), signature);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attestation other
        && signer.equals(other.signer)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return signer.hashCode() * 31 + Arrays.hashCode(signature);
  }
}
