package dev.cachet.handoff;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeSet;

/**
 * The next committee's key set hash: BLAKE2b-256 of {@code u32be(n) || k_1 || … || k_n}, the
 * distinct 32-byte identity keys of the committee, ascending bytewise.
 */
public final class KeySet {

  private KeySet() {}

  public static Hash32 hash(Committee committee) {
    TreeSet<IdentityKey> keys = new TreeSet<>();
    for (Member m : committee.members()) {
      keys.add(m.identityKey());
    }
    return hash(List.copyOf(keys));
  }

  /** The hash of {@code keys}, which must be distinct and ascending. */
  static Hash32 hash(List<IdentityKey> keys) {
    ByteBuffer out = ByteBuffer.allocate(4 + keys.size() * IdentityKey.LENGTH);
    out.putInt(keys.size());
    for (IdentityKey key : keys) {
      out.put(key.bytes());
    }
    return Hash32.blake2b(out.array());
  }
}
