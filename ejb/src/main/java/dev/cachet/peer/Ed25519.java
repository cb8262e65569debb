package dev.cachet.peer;

import dev.cachet.node.IdentityKey;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Verifies RFC 8032 Ed25519 signatures (pure Ed25519, no context), with BouncyCastle. */
public final class Ed25519 {

  public static final int SIGNATURE_LENGTH = 64;

  private Ed25519() {}

  /**
   * Whether {@code signature} is {@code key}'s over {@code message}; false for any malformed input.
   */
  public static boolean verify(IdentityKey key, byte[] message, byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(key.bytes(), 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (IllegalArgumentException e) { // a key that is not a curve point
      return false;
    }
  }
}
