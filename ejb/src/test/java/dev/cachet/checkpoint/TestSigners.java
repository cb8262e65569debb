package dev.cachet.checkpoint;

import dev.cachet.node.IdentityKey;
import dev.cachet.xmss.GeneratedKey;
import dev.cachet.xmss.SignOutcome;
import dev.cachet.xmss.XmssSecretSeeds;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Test fixtures: seeded Ed25519 identities (BouncyCastle) and XMSS^MT keys, and their signing. */
final class TestSigners {

  private TestSigners() {}

  /** The XMSS^MT signature at leaf {@code slot}, inside the key's prepared window. */
  static byte[] xmss(GeneratedKey key, long slot, byte[] message) {
    SignOutcome outcome = key.window().sign(slot, message);
    return ((SignOutcome.Signed) outcome).signature().rfcBytes();
  }

  static Ed25519PrivateKeyParameters ed25519Key(int seed) {
    byte[] b = new byte[32];
    new Random(seed).nextBytes(b);
    return new Ed25519PrivateKeyParameters(b, 0);
  }

  static IdentityKey identity(Ed25519PrivateKeyParameters k) {
    return IdentityKey.of(k.generatePublicKey().getEncoded());
  }

  static byte[] ed25519(Ed25519PrivateKeyParameters k, byte[] message) {
    Ed25519Signer s = new Ed25519Signer();
    s.init(true, k);
    s.update(message, 0, message.length);
    return s.generateSignature();
  }

  static XmssSecretSeeds seeds(long seed) {
    Random random = new Random(seed);
    byte[][] parts = new byte[3][32];
    for (byte[] part : parts) {
      random.nextBytes(part);
    }
    return XmssSecretSeeds.of(parts[0], parts[1], parts[2]);
  }
}
