package dev.cachet.peer;

import java.nio.charset.StandardCharsets;

/**
 * The kinds of signed peer message. Each kind's domain tag opens the bytes it signs, so a signature
 * over one kind never verifies as another.
 */
public enum MessageKind {
  /** A node's metadata blob for an epoch (docs/protocol.md, "Metadata announcement"). */
  METADATA_ANNOUNCEMENT("cachet/metadata-announcement"),

  /** A member's one ready signal for an epoch's handoff (docs/protocol.md, "Epoch handoff"). */
  HANDOFF_READY("cachet/handoff-ready"),

  /**
   * A coordinator's round-one request of a keysign session (docs/protocol.md, "Batched keysign").
   */
  KEYSIGN_COMMIT("cachet/keysign-commit"),

  /** A participant's round-one answer: its commitments, or the signatures it holds already. */
  KEYSIGN_COMMITMENTS("cachet/keysign-commitments"),

  /** A coordinator's round-two request: the signing package. */
  KEYSIGN_SIGN("cachet/keysign-sign"),

  /** A participant's round-two answer: its signature shares. */
  KEYSIGN_SHARES("cachet/keysign-shares"),

  /** A session's signatures, sent by its coordinator to every participant. */
  KEYSIGN_SIGNATURES("cachet/keysign-signatures"),

  /** Transactions a member relays to every member's checkpoint pool (docs/protocol.md §12). */
  CHECKPOINT_TXS("cachet/checkpoint-txs");

  private final String tag;

  MessageKind(String tag) {
    this.tag = tag;
  }

  /** The domain tag, ASCII. */
  public String tag() {
    return tag;
  }

  byte[] tagBytes() {
    return tag.getBytes(StandardCharsets.US_ASCII);
  }
}
