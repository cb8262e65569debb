package dev.cachet.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.blob.BlobHash;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/** Announcement signatures checked against BouncyCastle's Ed25519 used directly, both ways. */
class AnnouncementSignatureTest {

  private static final byte[] SEED =
      HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

  private static final Ed25519PrivateKeyParameters PRIVATE = new Ed25519PrivateKeyParameters(SEED);
  private static final IdentityKey KEY = IdentityKey.of(PRIVATE.generatePublicKey().getEncoded());

  private static Announcement announcement(IdentityKey announcer) {
    return new Announcement(
        3, announcer, BlobHash.of("metadata".getBytes()), 8, 1_700_000_000_000L);
  }

  private static byte[] bouncyCastleSign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, PRIVATE);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  private static boolean bouncyCastleVerify(IdentityKey key, byte[] message, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(key.bytes(), 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  private static NodeIdentity identity() {
    byte[] plaintext = new byte[33];
    plaintext[0] = 1;
    System.arraycopy(SEED, 0, plaintext, 1, 32);
    return NodeIdentity.decode(plaintext);
  }

  @Test
  void verifiesWhatBouncyCastleSignedOverTheFrame() {
    Announcement a = announcement(KEY);

    SignedAnnouncement signed = new SignedAnnouncement(a, bouncyCastleSign(a.frame()));

    assertThat(signed.verifies()).isTrue();
  }

  @Test
  void signsWhatBouncyCastleVerifiesAndTheSameBytes() {
    Announcement a = announcement(KEY);

    SignedAnnouncement signed =
        SignedAnnouncement.sign(a, new TestNodes.IdentitySigner(identity()));

    assertThat(bouncyCastleVerify(KEY, a.frame(), signed.signature())).isTrue();
    assertThat(signed.signature())
        .isEqualTo(bouncyCastleSign(a.frame())); // Ed25519 is deterministic
  }

  @Test
  void refusesASignatureOverAnyOtherBytes() {
    Announcement a = announcement(KEY);
    byte[] signature = bouncyCastleSign(a.frame());
    Announcement later = new Announcement(3, KEY, a.blobHash(), 8, a.timestampMillis() + 1);
    byte[] flipped = signature.clone();
    flipped[40] ^= 0x01;

    assertThat(new SignedAnnouncement(later, signature).verifies()).isFalse();
    assertThat(new SignedAnnouncement(a, flipped).verifies()).isFalse();
    assertThat(new SignedAnnouncement(a, Arrays.copyOf(signature, 63)).verifies()).isFalse();
    assertThat(new SignedAnnouncement(a, new byte[0]).verifies()).isFalse();
    assertThat(new SignedAnnouncement(a, new byte[64]).verifies()).isFalse();
  }

  @Test
  void refusesAnotherKeysSignatureEvenOverTheSameFrame() {
    IdentityKey other = TestNodes.identity(new SplittableRandom(5)).publicKey();
    Announcement claimed = announcement(other); // names another node, signed with our key

    assertThat(new SignedAnnouncement(claimed, bouncyCastleSign(claimed.frame())).verifies())
        .isFalse();
  }

  @Test
  void signsOnlyItsOwnAnnouncements() {
    Announcement forOther = announcement(TestNodes.identity(6).publicKey());

    assertThatThrownBy(
            () -> SignedAnnouncement.sign(forOther, new TestNodes.IdentitySigner(identity())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesTheSignatureInAndOut() {
    Announcement a = announcement(KEY);
    byte[] signature = bouncyCastleSign(a.frame());
    SignedAnnouncement signed = new SignedAnnouncement(a, signature);

    signature[0] ^= 1;
    signed.signature()[1] ^= 1;

    assertThat(signed.verifies()).isTrue();
    assertThat(signed).isEqualTo(new SignedAnnouncement(a, bouncyCastleSign(a.frame())));
  }
}
