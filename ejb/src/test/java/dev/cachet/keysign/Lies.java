package dev.cachet.keysign;

import dev.cachet.frost.Ciphersuites;
import dev.cachet.frost.GroupPublicKey;
import dev.cachet.frost.Scalar;
import dev.cachet.frost.Signature;
import dev.cachet.frost.SignatureShares;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.PeerSigner;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** What a lying participant does to its own answers (and signs, as it is its own answer). */
final class Lies {

  private Lies() {}

  /** {@code s + 1} mod the group order: a share that no longer verifies. */
  static Scalar tamper(Scalar s) {
    BigInteger order = Ciphersuites.SECP256K1_SHA256.order();
    BigInteger v = new BigInteger(1, s.toBytes()).add(BigInteger.ONE).mod(order);
    byte[] out = new byte[32];
    byte[] raw = v.toByteArray();
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return Scalar.decode(Ciphersuites.SECP256K1_SHA256, out);
  }

  /** A signature that verifies nothing: R a valid point, z a random scalar. */
  static Signature bogus(GroupPublicKey key, java.util.Random random) {
    byte[] z = new byte[32];
    random.nextBytes(z);
    z[0] &= 0x7F; // below the order
    return new Signature(key.element(), Scalar.decode(Ciphersuites.SECP256K1_SHA256, z));
  }

  /** The items with bogus signatures. */
  static List<KeysignWire.SignedItem> bogus(
      List<DigestBook.Item> items, GroupPublicKey key, java.util.Random random) {
    return items.stream()
        .map(i -> new KeysignWire.SignedItem(i.nonce(), i.digest(), bogus(key, random)))
        .toList();
  }

  /** The shares answer with share {@code index} tampered, signed again by the liar. */
  static SignedMessage tamperShares(SignedMessage answer, int index, PeerSigner liar) {
    KeysignWire.SharesAnswer a = KeysignWire.sharesAnswer(answer.body());
    List<Scalar> shares = new ArrayList<>(a.shares().shares());
    int k = Math.floorMod(index, shares.size());
    shares.set(k, tamper(shares.get(k)));
    KeysignWire.SharesAnswer lie =
        new KeysignWire.SharesAnswer(
            a.session(), a.signer(), new SignatureShares(a.shares().id(), shares));
    return SignedMessage.sign(
        MessageKind.KEYSIGN_SHARES, answer.epoch(), KeysignWire.encode(lie), liar);
  }
}
