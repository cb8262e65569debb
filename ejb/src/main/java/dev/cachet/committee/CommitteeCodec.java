package dev.cachet.committee;

import dev.cachet.node.IdentityKey;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical bytes of a committee (docs/protocol.md, "Committee"): how it is stored, and what a
 * committee digest is computed over. Version 1: {@code u8 1 || u64 epoch || u32 n ||} n times
 * {@code identityKey[32] || u64 stake || u16 len || name (UTF-8) || u16 len || url (ASCII)}, the
 * members in ascending order of identity key, integers big-endian.
 */
public final class CommitteeCodec {

  static final byte VERSION = 1;

  private CommitteeCodec() {}

  public static byte[] encode(Committee committee) {
    List<byte[]> names = new ArrayList<>();
    List<byte[]> urls = new ArrayList<>();
    int size = 1 + 8 + 4;
    for (Member m : committee.members()) {
      byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
      byte[] url = m.url().toString().getBytes(StandardCharsets.US_ASCII);
      names.add(name);
      urls.add(url);
      size += IdentityKey.LENGTH + 8 + 2 + name.length + 2 + url.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(VERSION).putLong(committee.epoch()).putInt(committee.members().size());
    for (int i = 0; i < committee.members().size(); i++) {
      Member m = committee.members().get(i);
      out.put(m.identityKey().bytes()).putLong(m.stake());
      out.putShort((short) names.get(i).length).put(names.get(i));
      out.putShort((short) urls.get(i).length).put(urls.get(i));
    }
    return out.array();
  }

  /**
   * @throws IllegalArgumentException if {@code bytes} are not a version-1 committee
   */
  public static Committee decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.get() != VERSION) {
        throw new IllegalArgumentException("not a version " + VERSION + " committee");
      }
      long epoch = in.getLong();
      int n = in.getInt();
      if (n < 1 || n > Committee.MAX_MEMBERS) {
        throw new IllegalArgumentException("a committee of " + n + " members");
      }
      List<Member> members = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] key = new byte[IdentityKey.LENGTH];
        in.get(key);
        long stake = in.getLong();
        byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(name);
        byte[] url = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(url);
        members.add(
            new Member(
                new String(name, StandardCharsets.UTF_8),
                IdentityKey.of(key),
                stake,
                URI.create(new String(url, StandardCharsets.US_ASCII))));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("bytes after the committee");
      }
      return Committee.of(epoch, members);
    } catch (java.nio.BufferUnderflowException | InvalidCommitteeException e) {
      throw new IllegalArgumentException("not a committee: " + e.getMessage(), e);
    }
  }
}
