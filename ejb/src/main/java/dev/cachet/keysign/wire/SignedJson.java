package dev.cachet.keysign.wire;

import dev.cachet.bytes.LowercaseHex;
import dev.cachet.keysign.InvalidKeysignException;
import dev.cachet.keysign.SignedMessage;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.Ed25519;
import dev.cachet.peer.MessageKind;
import java.util.HexFormat;

/**
 * A signed keysign message on the wire: {@code {"epoch", "signer", "body", "signature"}}, the body
 * the canonical bytes of its kind (docs/protocol.md) and every byte string lowercase hex. The kind
 * is the endpoint's (each kind has its own path).
 */
public record SignedJson(Long epoch, String signer, String body, String signature) {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * The largest body, as hex: the peer message limit. The largest signing package a bound chain
   * makes (batch size times threshold at most 5,000) is about 330 KB.
   */
  static final int MAX_BODY_HEX = 2 * 512 * 1024;

  public static SignedJson of(SignedMessage m) {
    return new SignedJson(
        m.epoch(), m.signer().hex(), HEX.formatHex(m.body()), HEX.formatHex(m.signature()));
  }

  /**
   * @throws InvalidKeysignException {@code INVALID_KEYSIGN_MESSAGE} if a field is missing or not
   *     lowercase hex of its length (the signature is checked by the engine)
   */
  public SignedMessage toMessage(MessageKind kind) {
    if (epoch == null || signer == null || body == null || signature == null || epoch < 0) {
      throw invalid("a keysign message has epoch, signer, body and signature");
    }
    byte[] bodyBytes = LowercaseHex.upTo(body, MAX_BODY_HEX / 2);
    if (bodyBytes == null) {
      throw invalid("the body is lowercase hex of at most " + MAX_BODY_HEX / 2 + " bytes");
    }
    byte[] signatureBytes = LowercaseHex.exactly(signature, Ed25519.SIGNATURE_LENGTH);
    if (signatureBytes == null) {
      throw invalid("the signature is 64 bytes as lowercase hex");
    }
    return new SignedMessage(kind, epoch, IdentityKey.parse(signer), bodyBytes, signatureBytes);
  }

  private static InvalidKeysignException invalid(String why) {
    return new InvalidKeysignException("INVALID_KEYSIGN_MESSAGE", why);
  }

  /** Paths of the peer endpoints, under the peer base URL. */
  public static final String COMMIT = "api/v1/peer/keysign/commit";

  public static final String SIGN = "api/v1/peer/keysign/sign";
  public static final String SIGNATURES = "api/v1/peer/keysign/signatures";

  /** The answer to a delivery of signatures: how many were new to the receiver. */
  public record Delivered(Integer stored) {}
}
