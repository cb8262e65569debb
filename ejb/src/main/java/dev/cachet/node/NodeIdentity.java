package dev.cachet.node;

import dev.cachet.state.StateUpdate;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The node's Ed25519 identity: generated once, on first start, and kept forever in the vault record
 * {@value #RECORD}. The record's plaintext is versioned: one version byte ({@value #VERSION}) and
 * the 32-byte private seed. Only the public key and signatures leave this class.
 */
public final class NodeIdentity {

  /** The vault record that holds the seed. */
  public static final String RECORD = "node/identity";

  static final byte VERSION = 1;
  private static final int SEED_LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;

  private final Ed25519PrivateKeyParameters key;

  private NodeIdentity(byte[] seed) {
    this.key = new Ed25519PrivateKeyParameters(seed, 0);
  }

  /** The update that creates the identity if the record has none, and otherwise changes nothing. */
  public static StateUpdate createIfAbsent(SecureRandom random) {
    return current -> {
      if (current.isPresent()) {
        return Optional.empty();
      }
      byte[] plaintext = new byte[1 + SEED_LENGTH];
      plaintext[0] = VERSION;
      byte[] seed = new byte[SEED_LENGTH];
      random.nextBytes(seed);
      System.arraycopy(seed, 0, plaintext, 1, SEED_LENGTH);
      Arrays.fill(seed, (byte) 0);
      return Optional.of(plaintext);
    };
  }

  /**
   * The identity stored in a record's plaintext.
   *
   * @throws IllegalStateException if the plaintext is not a version-1 identity
   */
  public static NodeIdentity decode(byte[] plaintext) {
    if (plaintext.length != 1 + SEED_LENGTH || plaintext[0] != VERSION) {
      throw new IllegalStateException(
          "the record " + RECORD + " does not hold a version " + VERSION + " identity");
    }
    byte[] seed = Arrays.copyOfRange(plaintext, 1, plaintext.length);
    try {
      return new NodeIdentity(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The 32-byte Ed25519 public key, lowercase hex. */
  public String publicKeyHex() {
    return HexFormat.of().formatHex(key.generatePublicKey().getEncoded());
  }

  /** The Ed25519 public key. */
  public IdentityKey publicKey() {
    return IdentityKey.of(key.generatePublicKey().getEncoded());
  }

  /** The RFC 8032 Ed25519 signature of {@code message} (64 bytes). */
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }
}
