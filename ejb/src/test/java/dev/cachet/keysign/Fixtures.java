package dev.cachet.keysign;

import dev.cachet.frost.Ciphersuites;
import dev.cachet.frost.Coordinator;
import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.KeyPackage;
import dev.cachet.frost.Message;
import dev.cachet.frost.RoundOneState;
import dev.cachet.frost.Signature;
import dev.cachet.frost.SignatureShares;
import dev.cachet.frost.Signer;
import dev.cachet.frost.SigningPackage;
import dev.cachet.frost.TrustedDealer;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.PeerSigner;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Deterministic identities, keys, digests and signatures for the keysign tests. */
final class Fixtures {

  private Fixtures() {}

  /** A SecureRandom whose output depends only on {@code seed} (seeded before first use). */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A node's Ed25519 identity, with BouncyCastle. */
  static final class TestSigner implements PeerSigner {
    private final Ed25519PrivateKeyParameters secret;
    private final IdentityKey identity;

    TestSigner(byte[] seed32) {
      this.secret = new Ed25519PrivateKeyParameters(seed32, 0);
      this.identity = IdentityKey.of(secret.generatePublicKey().getEncoded());
    }

    @Override
    public IdentityKey identityKey() {
      return identity;
    }

    @Override
    public byte[] sign(byte[] frame) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, secret);
      signer.update(frame, 0, frame.length);
      return signer.generateSignature();
    }

    @Override
    public String toString() {
      return "node " + identity.hex().substring(0, 8);
    }
  }

  /** The signer whose seed is the SHA-256 of {@code name}. */
  static TestSigner signer(String name) {
    return new TestSigner(sha256(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** {@code n} signers, ascending by identity key: index {@code i} is FROST participant i + 1. */
  static List<TestSigner> signers(int n, String namespace) {
    List<TestSigner> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(signer(namespace + "/" + i));
    }
    out.sort(Comparator.comparing(TestSigner::identityKey));
    return out;
  }

  static List<IdentityKey> identities(List<? extends PeerSigner> signers) {
    return signers.stream().map(PeerSigner::identityKey).toList();
  }

  static DealtKeys deal(int threshold, int n, long seed) {
    return TrustedDealer.deal(Ciphersuites.SECP256K1_SHA256, threshold, n, seeded(seed));
  }

  /** Each participant's key package of {@code dealt}, in participant order. */
  static List<KeysignKey> keys(String keyId, List<? extends PeerSigner> signers, DealtKeys dealt) {
    List<IdentityKey> ids = identities(signers);
    return dealt.keyPackages().stream().map(p -> new KeysignKey(keyId, ids, p)).toList();
  }

  /** The digest of {@code label}: SHA-256 of it. */
  static TxDigest digest(String label) {
    return TxDigest.of(sha256(label.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  static TxDigest digest(long chainId, long nonce, int version) {
    return TxDigest.of(
        sha256(ByteBuffer.allocate(20).putLong(chainId).putLong(nonce).putInt(version).array()));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A real signature of each digest, by the first {@code threshold} participants of {@code dealt}.
   */
  static List<Signature> sign(DealtKeys dealt, List<TxDigest> digests, long seed) {
    List<Message> messages = digests.stream().map(d -> Message.of(d.bytes())).toList();
    int t = dealt.group().minSigners();
    List<RoundOneState> states = new ArrayList<>();
    for (int i = 0; i < t; i++) {
      KeyPackage p = dealt.keyPackages().get(i);
      states.add(new Signer(p, seeded(seed * 100 + i)).commit(messages.size()));
    }
    Coordinator coordinator = new Coordinator(dealt.group());
    SigningPackage pkg =
        coordinator.signingPackage(
            messages, states.stream().map(RoundOneState::commitments).toList());
    List<SignatureShares> shares = states.stream().map(s -> s.sign(pkg)).toList();
    return coordinator.aggregate(pkg, shares);
  }

  static byte[] flipBit(byte[] bytes, int index, int bit) {
    byte[] out = Arrays.copyOf(bytes, bytes.length);
    out[index] ^= (byte) (1 << bit);
    return out;
  }
}
