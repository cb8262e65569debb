package dev.cachet.checkpoint;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A ledger transaction: move {@code amount} from {@code from} to {@code to}, the sender's {@code
 * nonce}-th transaction. Amount and nonce are unsigned 64-bit (Java's long read as unsigned).
 * Encoding: {@code from[32] || to[32] || u64 amount || u64 nonce}; its hash is the SHA-256 of that.
 */
public record Tx(Bytes32 from, Bytes32 to, long amount, long nonce) {

  public static final int ENCODED_LENGTH = 80;

  public Tx {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  public byte[] encode() {
    return ByteBuffer.allocate(ENCODED_LENGTH)
        .put(from.bytes())
        .put(to.bytes())
        .putLong(amount)
        .putLong(nonce)
        .array();
  }

  public static Tx decode(ByteBuffer in) {
    byte[] from = new byte[32];
    byte[] to = new byte[32];
    in.get(from);
    in.get(to);
    return new Tx(Bytes32.of(from), Bytes32.of(to), in.getLong(), in.getLong());
  }

  public Bytes32 hash() {
    return Bytes32.sha256(encode());
  }
}
