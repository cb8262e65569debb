package dev.cachet.keysign;

import dev.cachet.frost.Ciphersuites;
import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.GroupPublicKey;
import dev.cachet.frost.InvalidFrostInputException;
import dev.cachet.frost.TrustedDealer;
import dev.cachet.node.IdentityKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The development and test path to a threshold key: a trusted dealer (RFC 9591 Appendix D) deals
 * FROST(secp256k1, SHA-256) shares to the members, identifiers 1..n in ascending order of identity
 * key, and forgets them. Distributed key generation replaces it in a later issue.
 */
public final class KeysignDealer {

  /** The most participants a dealt key has. */
  public static final int MAX_PARTICIPANTS = 255;

  private KeysignDealer() {}

  /** A dealt key: its group key and one package per member, in participant order. */
  public record Dealing(
      String keyId, GroupPublicKey groupPublicKey, int threshold, List<KeysignKey> packages) {}

  /**
   * @throws InvalidKeysignException {@code INVALID_DEALING} for duplicate members, fewer than two,
   *     more than {@value #MAX_PARTICIPANTS}, or a threshold outside 2..n
   */
  public static Dealing deal(
      String keyId, int threshold, List<IdentityKey> members, SecureRandom random) {
    KeyIds.check(keyId);
    TreeSet<IdentityKey> sorted = new TreeSet<>(members);
    if (sorted.size() != members.size()) {
      throw invalid("the members are distinct");
    }
    if (sorted.size() < 2 || sorted.size() > MAX_PARTICIPANTS) {
      throw invalid("a key has 2 to " + MAX_PARTICIPANTS + " members");
    }
    if (threshold < 2 || threshold > sorted.size()) {
      throw invalid("the threshold is 2 to the number of members, " + sorted.size());
    }
    List<IdentityKey> participants = List.copyOf(sorted);
    DealtKeys dealt;
    try {
      dealt =
          TrustedDealer.deal(Ciphersuites.SECP256K1_SHA256, threshold, participants.size(), random);
    } catch (InvalidFrostInputException e) {
      throw new InvalidKeysignException("INVALID_DEALING", e.getMessage(), e);
    }
    List<KeysignKey> packages = new ArrayList<>();
    for (var share : dealt.keyPackages()) {
      packages.add(new KeysignKey(keyId, participants, share));
    }
    return new Dealing(keyId, dealt.groupPublicKey(), threshold, packages);
  }

  private static InvalidKeysignException invalid(String why) {
    return new InvalidKeysignException("INVALID_DEALING", why);
  }
}
