package dev.cachet.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import dev.cachet.peer.Ed25519;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers for the node's Ed25519 signing and the peers' verification. */
class Ed25519KnownAnswerTest {

  private static final HexFormat HEX = HexFormat.of();

  private record Vector(String secret, String publicKey, String message, String signature) {}

  /** RFC 8032 §7.1, "Test Vectors for Ed25519", TEST 1, TEST 2 and TEST 3. */
  private static final List<Vector> RFC_8032 =
      List.of(
          new Vector(
              "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
              "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
              "",
              "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                  + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
          new Vector(
              "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
              "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
              "72",
              "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                  + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
          new Vector(
              "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
              "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
              "af82",
              "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                  + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"));

  private static NodeIdentity identity(String secretHex) {
    byte[] plaintext = new byte[33];
    plaintext[0] = 1; // the identity record's version
    System.arraycopy(HEX.parseHex(secretHex), 0, plaintext, 1, 32);
    return NodeIdentity.decode(plaintext);
  }

  @Test
  void nodeIdentitySignsTheRfc8032Vectors() {
    for (Vector v : RFC_8032) {
      NodeIdentity identity = identity(v.secret());

      assertThat(identity.publicKey().hex()).isEqualTo(v.publicKey());
      assertThat(HEX.formatHex(identity.sign(HEX.parseHex(v.message())))).isEqualTo(v.signature());
    }
  }

  @Test
  void peerVerificationAcceptsTheRfc8032Vectors() {
    for (Vector v : RFC_8032) {
      assertThat(
              Ed25519.verify(
                  IdentityKey.parse(v.publicKey()),
                  HEX.parseHex(v.message()),
                  HEX.parseHex(v.signature())))
          .isTrue();
    }
  }

  @Test
  void peerVerificationRefusesTheVectorsAltered() {
    for (Vector v : RFC_8032) {
      IdentityKey key = IdentityKey.parse(v.publicKey());
      byte[] message = HEX.parseHex(v.message());
      byte[] signature = HEX.parseHex(v.signature());
      byte[] longer = HEX.parseHex(v.message() + "00");
      byte[] flipped = signature.clone();
      flipped[5] ^= 1;
      byte[] bigS = signature.clone();
      bigS[63] |= (byte) 0xf0; // s far above the group order: not canonical

      assertThat(Ed25519.verify(key, longer, signature)).isFalse();
      assertThat(Ed25519.verify(key, message, flipped)).isFalse();
      assertThat(Ed25519.verify(key, message, bigS)).isFalse();
      assertThat(Ed25519.verify(key, message, new byte[63])).isFalse();
      assertThat(Ed25519.verify(key, message, null)).isFalse();
    }
    IdentityKey first = IdentityKey.parse(RFC_8032.get(0).publicKey());
    byte[] secondSignature = HEX.parseHex(RFC_8032.get(1).signature());
    assertThat(Ed25519.verify(first, HEX.parseHex("72"), secondSignature)).isFalse();
  }
}
