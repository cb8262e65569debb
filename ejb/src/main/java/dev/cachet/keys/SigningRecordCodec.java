package dev.cachet.keys;

import dev.cachet.xmss.XmssPublicKey;
import dev.cachet.xmss.XmssSecretSeeds;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The vault plaintext of a {@link SigningRecord}, versioned:
 *
 * <pre>
 *   u8  version (1)
 *   67  public key (XmssPublicKey encoding: version, h, d, root, public seed)
 *   97  secret seeds (XmssSecretSeeds encoding)
 *   u64 activation slot, u64 first signable slot
 *   u8  1 if a slot was signed: then u64 slot, 32 message, u32 length, RFC 8391 signature
 *   u8  count of earlier signed slots, each u64 slot, 32 message
 *   u8  retired (0 or 1)
 *   u8  length of a legacy window reference, then that many bytes
 * </pre>
 *
 * The last field named the blob that held the key's window in 0.1.0; windows are now found by the
 * key's public root in the node's window store, so it is written empty and skipped when read.
 */
final class SigningRecordCodec {

  static final int VERSION = 1;

  private SigningRecordCodec() {}

  static byte[] encode(SigningRecord r) {
    byte[] publicKey = r.publicKey().encode();
    byte[] seeds = r.seeds().encode();
    byte[] signature = r.highestSignature();
    int size =
        1
            + publicKey.length
            + seeds.length
            + 16
            + 1
            + (r.highest().isPresent() ? 8 + SigningMessage.LENGTH + 4 + signature.length : 0)
            + 1
            + r.history().size() * (8 + SigningMessage.LENGTH)
            + 1
            + 1;
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put((byte) VERSION).put(publicKey).put(seeds);
    Arrays.fill(seeds, (byte) 0);
    out.putLong(r.activationSlot()).putLong(r.firstSignableSlot());
    out.put((byte) (r.highest().isPresent() ? 1 : 0));
    r.highest()
        .ifPresent(
            h ->
                out.putLong(h.slot())
                    .put(h.message().view())
                    .putInt(signature.length)
                    .put(signature));
    out.put((byte) r.history().size());
    for (SignedSlot s : r.history()) {
      out.putLong(s.slot()).put(s.message().view());
    }
    out.put((byte) (r.retired() ? 1 : 0));
    out.put((byte) 0); // no legacy window reference
    byte[] bytes = out.array();
    return bytes;
  }

  static SigningRecord decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int version = Byte.toUnsignedInt(in.get());
      if (version != VERSION) {
        throw malformed("unknown version " + version);
      }
      XmssPublicKey publicKey = XmssPublicKey.decode(take(in, XmssPublicKey.ENCODED_LENGTH));
      byte[] seedBytes = take(in, XmssSecretSeeds.ENCODED_LENGTH);
      XmssSecretSeeds seeds = XmssSecretSeeds.decode(seedBytes);
      Arrays.fill(seedBytes, (byte) 0);
      long activation = in.getLong();
      long firstSignable = in.getLong();
      Optional<SignedSlot> highest = Optional.empty();
      byte[] signature = new byte[0];
      if (in.get() == 1) {
        highest = Optional.of(signedSlot(in));
        int length = in.getInt();
        if (length != publicKey.parameters().signatureLength()) {
          throw malformed("signature of " + length + " bytes");
        }
        signature = take(in, length);
      }
      int count = Byte.toUnsignedInt(in.get());
      List<SignedSlot> history = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        history.add(signedSlot(in));
      }
      boolean retired = in.get() == 1;
      take(in, Byte.toUnsignedInt(in.get())); // a 0.1.0 window reference, no longer used
      if (in.hasRemaining()) {
        throw malformed(in.remaining() + " trailing bytes");
      }
      return new SigningRecord(
          publicKey, seeds, activation, firstSignable, highest, signature, history, retired);
    } catch (BufferUnderflowException e) {
      throw malformed("truncated");
    } catch (IllegalArgumentException | dev.cachet.error.CachetException e) {
      throw malformed(e.getMessage());
    }
  }

  private static SignedSlot signedSlot(ByteBuffer in) {
    long slot = in.getLong();
    return new SignedSlot(slot, SigningMessage.of(take(in, SigningMessage.LENGTH)));
  }

  private static byte[] take(ByteBuffer in, int length) {
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static IllegalStateException malformed(String why) {
    return new IllegalStateException("malformed signing record: " + why);
  }
}
