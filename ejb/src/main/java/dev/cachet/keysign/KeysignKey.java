package dev.cachet.keysign;

import dev.cachet.frost.Ciphersuites;
import dev.cachet.frost.GroupInfo;
import dev.cachet.frost.InvalidFrostInputException;
import dev.cachet.frost.KeyPackage;
import dev.cachet.frost.ParticipantId;
import dev.cachet.node.IdentityKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's part of a threshold key: the key id, the participants' identity keys in ascending
 * order (participant {@code i} is the {@code i}-th, counting from 1), and this node's FROST key
 * package (its secret share, checked against the VSS commitment when decoded). Its encoding is the
 * {@code keyPackage} the dealer hands out and the vault keeps (docs/protocol.md, "Keysign key
 * package"): {@code u8 version=1 || u8 len || keyId (ASCII) || u16 n || n × 32-byte identity key ||
 * FROST key package}, big-endian. Contains a secret: {@link #toString()} never shows it.
 */
public final class KeysignKey {

  static final byte VERSION = 1;

  private final String keyId;
  private final List<IdentityKey> participants;
  private final KeyPackage share;

  /**
   * @throws InvalidKeysignException {@code INVALID_KEY_PACKAGE} if the participants are not
   *     ascending and distinct, their number is not the group's, or the suite is not secp256k1
   */
  public KeysignKey(String keyId, List<IdentityKey> participants, KeyPackage share) {
    this.keyId = KeyIds.check(keyId);
    this.participants = List.copyOf(participants);
    this.share = Objects.requireNonNull(share, "share");
    if (share.suite() != Ciphersuites.SECP256K1_SHA256) {
      throw invalid("a keysign key is FROST(secp256k1, SHA-256)");
    }
    if (this.participants.size() != share.group().maxSigners()) {
      throw invalid(
          "the key has "
              + share.group().maxSigners()
              + " participants, the package lists "
              + this.participants.size());
    }
    for (int i = 1; i < this.participants.size(); i++) {
      if (this.participants.get(i - 1).compareTo(this.participants.get(i)) >= 0) {
        throw invalid("the participants' identity keys are ascending and distinct");
      }
    }
  }

  public String keyId() {
    return keyId;
  }

  /** Ascending; participant {@code i} (FROST identifier) is at index {@code i - 1}. */
  public List<IdentityKey> participants() {
    return participants;
  }

  public KeyPackage share() {
    return share;
  }

  public GroupInfo group() {
    return share.group();
  }

  public int threshold() {
    return share.group().minSigners();
  }

  /** The identity key this package belongs to. */
  public IdentityKey owner() {
    return participants.get(share.id().value() - 1);
  }

  public IdentityKey identityOf(ParticipantId id) {
    return participants.get(id.value() - 1);
  }

  public Optional<ParticipantId> idOf(IdentityKey key) {
    int i = participants.indexOf(key);
    return i < 0 ? Optional.empty() : Optional.of(new ParticipantId(i + 1));
  }

  public byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
      out.writeByte(VERSION);
      out.writeByte(id.length);
      out.write(id);
      out.writeShort(participants.size());
      for (IdentityKey p : participants) {
        out.write(p.bytes());
      }
      out.write(share.encode());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws InvalidKeysignException {@code INVALID_KEY_PACKAGE} for anything that is not a valid
   *     package, including a share that does not verify against its VSS commitment
   */
  public static KeysignKey decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.get() != VERSION) {
        throw invalid("unknown key package version");
      }
      byte[] id = new byte[in.get() & 0xFF];
      in.get(id);
      int n = in.getShort() & 0xFFFF;
      List<IdentityKey> participants = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] key = new byte[IdentityKey.LENGTH];
        in.get(key);
        participants.add(IdentityKey.of(key));
      }
      byte[] rest = new byte[in.remaining()];
      in.get(rest);
      return new KeysignKey(
          new String(id, StandardCharsets.US_ASCII), participants, KeyPackage.decode(rest));
    } catch (BufferUnderflowException | IllegalArgumentException | InvalidFrostInputException e) {
      throw new InvalidKeysignException(
          "INVALID_KEY_PACKAGE", "not a valid key package: " + e.getMessage(), e);
    } catch (InvalidKeysignException e) {
      if (e.code().equals("INVALID_KEY_ID")) {
        throw invalid("its key id is not valid");
      }
      throw e;
    }
  }

  private static InvalidKeysignException invalid(String why) {
    return new InvalidKeysignException("INVALID_KEY_PACKAGE", why);
  }

  @Override
  public String toString() {
    return "KeysignKey["
        + keyId
        + ", participant "
        + share.id().value()
        + " of "
        + participants.size()
        + "]";
  }
}
