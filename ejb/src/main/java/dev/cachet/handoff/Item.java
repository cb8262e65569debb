package dev.cachet.handoff;

import dev.cachet.node.IdentityKey;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.Objects;

/**
 * One input the next committee starts from: {@code u8 kind || key (32 bytes) || digest (32 bytes)}.
 * Kind 1 is {@code METADATA} (key: a member's identity key, digest: its metadata blob's hash);
 * kinds 2 and up are reserved for key-generation outputs.
 */
public record Item(Kind kind, IdentityKey key, Hash32 digest) {

  public static final int LENGTH = 1 + IdentityKey.LENGTH + Hash32.LENGTH;

  /** The order items are listed in: by kind, then by key (unsigned bytes). */
  public static final Comparator<Item> ORDER =
      Comparator.comparingInt((Item i) -> i.kind().code()).thenComparing(Item::key);

  /** What an item is. */
  public enum Kind {
    METADATA(1);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    /**
     * @throws IllegalArgumentException for a code that is not a kind
     */
    public static Kind of(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException("no item kind " + code);
    }
  }

  public Item {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(digest, "digest");
  }

  void writeTo(ByteBuffer out) {
    out.put((byte) kind.code()).put(key.bytes()).put(digest.bytes());
  }
}
