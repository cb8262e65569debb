package dev.cachet.web.keysign;

import dev.cachet.frost.ParticipantId;
import dev.cachet.keysign.InvalidKeysignException;
import dev.cachet.keysign.KeysignDealer;
import dev.cachet.keysign.KeysignEngine;
import dev.cachet.keysign.KeysignKey;
import java.util.HexFormat;
import java.util.List;

/** The keysign endpoints' request and answer shapes, and their mapping. */
public final class KeysignRequests {

  private static final HexFormat HEX = HexFormat.of();

  private KeysignRequests() {}

  /** {@code {"keyId", "threshold", "members": [identityKey…]}}. */
  public record Deal(String keyId, Integer threshold, List<String> members) {}

  /** One member's package of a dealing. */
  public record DealtPackage(String identityKey, String keyPackage) {}

  /** The dealing: the group key and every member's package (this node keeps none). */
  public record Dealing(
      String keyId, String groupPublicKey, int threshold, List<DealtPackage> packages) {
    static Dealing of(KeysignDealer.Dealing d) {
      return new Dealing(
          d.keyId(),
          HEX.formatHex(d.groupPublicKey().serialize()),
          d.threshold(),
          d.packages().stream()
              .map(p -> new DealtPackage(p.owner().hex(), HEX.formatHex(p.encode())))
              .toList());
    }
  }

  /** {@code {"keyPackage"}}. */
  public record ImportKey(String keyPackage) {}

  /** A participant of a key. */
  public record Participant(String identityKey, int identifier, String verifyingShare) {}

  /** A key's public part. */
  public record KeyDescription(
      String keyId, String groupPublicKey, int threshold, List<Participant> participants) {
    static KeyDescription of(KeysignKey key) {
      List<Participant> ps =
          java.util.stream.IntStream.rangeClosed(1, key.participants().size())
              .mapToObj(
                  i ->
                      new Participant(
                          key.participants().get(i - 1).hex(),
                          i,
                          HEX.formatHex(
                              key.group().participantKey(new ParticipantId(i)).toBytes())))
              .toList();
      return new KeyDescription(
          key.keyId(),
          HEX.formatHex(key.group().groupPublicKey().serialize()),
          key.threshold(),
          ps);
    }
  }

  /** {@code {"keyId", "batchSize"?}}. */
  public record BindChain(String keyId, Integer batchSize) {}

  /** A chain's binding. */
  public record ChainBinding(long chainId, String keyId, int batchSize) {}

  /** {@code {"low", "high"}}. */
  public record Pending(Long low, Long high) {}

  /** {@code {"nonce", "digest"}}. */
  public record OfferDigest(Long nonce, String digest) {}

  /** A digest held, not signed yet: 202. */
  public record PendingDigest(long nonce, long batch, String status) {}

  /** A signed digest: 200. */
  public record SignedDigest(long nonce, String digest, String signature) {
    static SignedDigest of(KeysignEngine.Offer o) {
      return new SignedDigest(
          o.nonce(), o.digest().hex(), HEX.formatHex(o.signature().orElseThrow().serialize()));
    }
  }

  /** The session a chain's scheduler is at. */
  public record Session(long batch, long attempt, String coordinator, boolean coordinating) {}

  /** {@code GET /api/v1/keysign/{chainId}}. */
  public record ChainStatus(
      long chainId,
      String keyId,
      int batchSize,
      long low,
      long high,
      List<Long> pending,
      long pendingCount,
      long batchesSigned,
      long digestsSigned,
      Session session) {
    static ChainStatus of(KeysignEngine.ChainView v) {
      return new ChainStatus(
          v.chainId(),
          v.keyId(),
          v.batchSize(),
          v.low(),
          v.high(),
          v.pending(),
          v.pendingCount(),
          v.batchesSigned(),
          v.digestsSigned(),
          v.session()
              .map(
                  s -> new Session(s.batch(), s.attempt(), s.coordinator().hex(), s.coordinating()))
              .orElse(null));
    }
  }

  /**
   * @throws InvalidKeysignException {@code INVALID_CHAIN_ID} unless an unsigned 32-bit number
   */
  static long chainId(String text) {
    long value = whole(text, 10);
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new InvalidKeysignException(
          "INVALID_CHAIN_ID", "a chain id is an unsigned 32-bit number, not '" + text + "'");
    }
    return value;
  }

  /**
   * @throws InvalidKeysignException {@code INVALID_NONCE} unless a whole number from 0
   */
  static long nonce(String text) {
    long value = whole(text, 19);
    if (value < 0) {
      throw new InvalidKeysignException(
          "INVALID_NONCE", "a nonce is a whole number from 0, not '" + text + "'");
    }
    return value;
  }

  static long nonce(Long value) {
    if (value == null || value < 0) {
      throw new InvalidKeysignException("INVALID_NONCE", "nonce is a whole number from 0");
    }
    return value;
  }

  /** The value of 1 to {@code maxDigits} decimal digits without a leading zero, or -1. */
  private static long whole(String text, int maxDigits) {
    if (text == null || text.isEmpty() || text.length() > maxDigits) {
      return -1;
    }
    if (text.length() > 1 && text.charAt(0) == '0') {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
