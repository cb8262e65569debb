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
  HANDOFF_READY("cachet/handoff-ready");

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
