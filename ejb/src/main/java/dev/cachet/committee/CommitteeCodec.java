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
 * members in ascending order of identity key, integers big-endian. Version 2, written only when a
 * member has a checkpoint duty (so every committee without one keeps its bytes and digests): each
 * member then ends with {@code u8 0}, or {@code u8 1 || u64 validatorIndex || u16 len ||
 * attestationKey || u16 len || proposalKey}.
 */
public final class CommitteeCodec {

  static final byte VERSION = 1;

  /** The version with checkpoint duties. */
  static final byte VERSION_DUTIES = 2;

  private CommitteeCodec() {}

  public static byte[] encode(Committee committee) {
    boolean duties = committee.members().stream().anyMatch(m -> m.duty().isPresent());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    try {
      out.writeByte(duties ? VERSION_DUTIES : VERSION);
      out.writeLong(committee.epoch());
      out.writeInt(committee.members().size());
      for (Member m : committee.members()) {
        byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
        byte[] url = m.url().toString().getBytes(StandardCharsets.US_ASCII);
        out.write(m.identityKey().bytes());
        out.writeLong(m.stake());
        out.writeShort(name.length);
        out.write(name);
        out.writeShort(url.length);
        out.write(url);
        if (duties) {
          if (m.duty().isEmpty()) {
            out.writeByte(0);
          } else {
            CheckpointDuty d = m.duty().get();
            out.writeByte(1);
            out.writeLong(d.validatorIndex());
            out.writeShort(d.attestationKey().length);
            out.write(d.attestationKey());
            out.writeShort(d.proposalKey().length);
            out.write(d.proposalKey());
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException if {@code bytes} are not a version-1 or version-2 committee
   */
  public static Committee decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte version = in.get();
      if (version != VERSION && version != VERSION_DUTIES) {
        throw new IllegalArgumentException("not a version 1 or 2 committee");
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
        java.util.Optional<CheckpointDuty> duty = java.util.Optional.empty();
        if (version == VERSION_DUTIES) {
          int flag = in.get();
          if (flag == 1) {
            long validator = in.getLong();
            byte[] attestation = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(attestation);
            byte[] proposal = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(proposal);
            duty = java.util.Optional.of(new CheckpointDuty(validator, attestation, proposal));
          } else if (flag != 0) {
            throw new IllegalArgumentException("a member's duty flag is 0 or 1");
          }
        }
        members.add(
            new Member(
                new String(name, StandardCharsets.UTF_8),
                IdentityKey.of(key),
                stake,
                URI.create(new String(url, StandardCharsets.US_ASCII)),
                duty));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("bytes after the committee");
      }
      if (version == VERSION_DUTIES && members.stream().allMatch(m -> m.duty().isEmpty())) {
        throw new IllegalArgumentException("a version 2 committee has a member with a duty");
      }
      return Committee.of(epoch, members);
    } catch (java.nio.BufferUnderflowException | InvalidCommitteeException e) {
      throw new IllegalArgumentException("not a committee: " + e.getMessage(), e);
    }
  }
}
