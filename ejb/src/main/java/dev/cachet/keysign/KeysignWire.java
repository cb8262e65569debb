package dev.cachet.keysign;

import dev.cachet.frost.BatchCommitments;
import dev.cachet.frost.Ciphersuites;
import dev.cachet.frost.InvalidFrostInputException;
import dev.cachet.frost.Signature;
import dev.cachet.frost.SignatureShares;
import dev.cachet.frost.SigningPackage;
import dev.cachet.node.IdentityKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The canonical bodies of the keysign session's messages (docs/protocol.md, "Batched keysign"),
 * big-endian, each a {@link SignedMessage} of its own kind. Decoding refuses trailing bytes, short
 * input and anything the FROST core refuses ({@code INVALID_KEYSIGN_MESSAGE}).
 */
public final class KeysignWire {

  /** The most items one message carries. */
  public static final int MAX_ITEMS = Batches.MAX_SIZE;

  static final int TAG_LENGTH = 16;
  static final int SIGNATURE_LENGTH = 65;

  private KeysignWire() {}

  /**
   * A session: one coordinator's try at one batch in one attempt, named by a random tag so a retry
   * within the attempt is a session of its own.
   */
  public record Session(
      String keyId, long chainId, long batch, long attempt, IdentityKey coordinator, byte[] tag) {
    public Session {
      KeyIds.check(keyId);
      Objects.requireNonNull(coordinator, "coordinator");
      if (tag.length != TAG_LENGTH) {
        throw new IllegalArgumentException("a session tag is 16 bytes");
      }
      tag = tag.clone();
    }

    /** The tag as hex: a session's name in logs and records. */
    public String name() {
      return HexFormat.of().formatHex(tag);
    }

    @Override
    public byte[] tag() {
      return tag.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Session s
          && keyId.equals(s.keyId)
          && chainId == s.chainId
          && batch == s.batch
          && attempt == s.attempt
          && coordinator.equals(s.coordinator)
          && Arrays.equals(tag, s.tag);
    }

    @Override
    public int hashCode() {
      return Objects.hash(keyId, chainId, batch, attempt) * 31 + Arrays.hashCode(tag);
    }

    @Override
    public String toString() {
      return "chain " + chainId + " batch " + batch + " attempt " + attempt + " session " + name();
    }
  }

  /** A nonce's digest with its signature. */
  public record SignedItem(long nonce, TxDigest digest, Signature signature) {}

  /** Round one, coordinator to participant: the batch's digests. */
  public record CommitRequest(Session session, List<DigestBook.Item> items) {
    public CommitRequest {
      items = List.copyOf(items);
    }
  }

  /**
   * Round one's answer: the participant's commitments, or, when it holds a signature of every
   * digest already (another coordinator's session signed them), those signatures.
   */
  public record CommitAnswer(
      Session session,
      IdentityKey signer,
      Optional<BatchCommitments> commitments,
      List<SignedItem> signed) {
    public CommitAnswer {
      signed = List.copyOf(signed);
    }
  }

  /** Round two, coordinator to participant. */
  public record SignRequest(Session session, SigningPackage signingPackage) {}

  /** Round two's answer. */
  public record SharesAnswer(Session session, IdentityKey signer, SignatureShares shares) {}

  /** The session's signatures, coordinator to every participant. */
  public record Signatures(
      String keyId, long chainId, long batch, long attempt, List<SignedItem> items) {
    public Signatures {
      KeyIds.check(keyId);
      items = List.copyOf(items);
    }
  }

  // ---- encoding

  public static byte[] encode(CommitRequest m) {
    return write(
        out -> {
          session(out, m.session());
          out.writeShort(m.items().size());
          for (DigestBook.Item i : m.items()) {
            out.writeLong(i.nonce());
            out.write(i.digest().bytes());
          }
        });
  }

  public static byte[] encode(CommitAnswer m) {
    return write(
        out -> {
          session(out, m.session());
          out.write(m.signer().bytes());
          if (m.commitments().isPresent()) {
            out.writeByte(0);
            bytes(out, m.commitments().get().encode());
          } else {
            out.writeByte(1);
            signedItems(out, m.signed());
          }
        });
  }

  public static byte[] encode(SignRequest m) {
    return write(
        out -> {
          session(out, m.session());
          bytes(out, m.signingPackage().encode());
        });
  }

  public static byte[] encode(SharesAnswer m) {
    return write(
        out -> {
          session(out, m.session());
          out.write(m.signer().bytes());
          bytes(out, m.shares().encode());
        });
  }

  public static byte[] encode(Signatures m) {
    return write(
        out -> {
          keyId(out, m.keyId());
          out.writeInt((int) m.chainId());
          out.writeLong(m.batch());
          out.writeInt((int) m.attempt());
          signedItems(out, m.items());
        });
  }

  // ---- decoding

  public static CommitRequest commitRequest(byte[] body) {
    return read(
        body,
        in -> {
          Session s = session(in);
          int count = count(in);
          List<DigestBook.Item> items = new ArrayList<>(count);
          for (int k = 0; k < count; k++) {
            items.add(new DigestBook.Item(nonce(in), TxDigest.of(fixed(in, TxDigest.LENGTH))));
          }
          return new CommitRequest(s, items);
        });
  }

  public static CommitAnswer commitAnswer(byte[] body) {
    return read(
        body,
        in -> {
          Session s = session(in);
          IdentityKey signer = IdentityKey.of(fixed(in, IdentityKey.LENGTH));
          int type = in.get();
          if (type == 0) {
            return new CommitAnswer(
                s, signer, Optional.of(BatchCommitments.decode(bytes(in))), List.of());
          }
          if (type != 1) {
            throw invalid("an answer's type is 0 or 1");
          }
          return new CommitAnswer(s, signer, Optional.empty(), signedItems(in));
        });
  }

  public static SignRequest signRequest(byte[] body) {
    return read(body, in -> new SignRequest(session(in), SigningPackage.decode(bytes(in))));
  }

  public static SharesAnswer sharesAnswer(byte[] body) {
    return read(
        body,
        in ->
            new SharesAnswer(
                session(in),
                IdentityKey.of(fixed(in, IdentityKey.LENGTH)),
                SignatureShares.decode(bytes(in))));
  }

  public static Signatures signatures(byte[] body) {
    return read(
        body,
        in ->
            new Signatures(
                keyId(in),
                in.getInt() & 0xFFFF_FFFFL,
                nonNegative(in.getLong(), "batch"),
                in.getInt() & 0xFFFF_FFFFL,
                signedItems(in)));
  }

  // ---- parts

  private static void session(DataOutputStream out, Session s) throws IOException {
    keyId(out, s.keyId());
    out.writeInt((int) s.chainId());
    out.writeLong(s.batch());
    out.writeInt((int) s.attempt());
    out.write(s.coordinator().bytes());
    out.write(s.tag());
  }

  private static Session session(ByteBuffer in) {
    return new Session(
        keyId(in),
        in.getInt() & 0xFFFF_FFFFL,
        nonNegative(in.getLong(), "batch"),
        in.getInt() & 0xFFFF_FFFFL,
        IdentityKey.of(fixed(in, IdentityKey.LENGTH)),
        fixed(in, TAG_LENGTH));
  }

  private static void keyId(DataOutputStream out, String keyId) throws IOException {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    out.writeByte(id.length);
    out.write(id);
  }

  private static String keyId(ByteBuffer in) {
    return KeyIds.check(new String(fixed(in, in.get() & 0xFF), StandardCharsets.US_ASCII));
  }

  private static void signedItems(DataOutputStream out, List<SignedItem> items) throws IOException {
    out.writeShort(items.size());
    for (SignedItem i : items) {
      out.writeLong(i.nonce());
      out.write(i.digest().bytes());
      out.write(i.signature().serialize());
    }
  }

  private static List<SignedItem> signedItems(ByteBuffer in) {
    int count = count(in);
    List<SignedItem> items = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      items.add(
          new SignedItem(
              nonce(in),
              TxDigest.of(fixed(in, TxDigest.LENGTH)),
              Signature.deserialize(Ciphersuites.SECP256K1_SHA256, fixed(in, SIGNATURE_LENGTH))));
    }
    return items;
  }

  private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] bytes(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw invalid("a length runs past the message");
    }
    return fixed(in, length);
  }

  private static int count(ByteBuffer in) {
    int count = in.getShort() & 0xFFFF;
    if (count < 1 || count > MAX_ITEMS) {
      throw invalid("a message carries 1 to " + MAX_ITEMS + " items");
    }
    return count;
  }

  private static long nonce(ByteBuffer in) {
    return nonNegative(in.getLong(), "nonce");
  }

  private static long nonNegative(long value, String what) {
    if (value < 0) {
      throw invalid("a " + what + " is below 2^63");
    }
    return value;
  }

  private static byte[] fixed(ByteBuffer in, int length) {
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer writer) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      writer.write(new DataOutputStream(bytes));
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(byte[] body, java.util.function.Function<ByteBuffer, T> reader) {
    try {
      ByteBuffer in = ByteBuffer.wrap(body);
      T value = reader.apply(in);
      if (in.hasRemaining()) {
        throw invalid("trailing bytes after the message");
      }
      return value;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw invalid("the message ends early or is malformed: " + e.getMessage());
    } catch (InvalidFrostInputException e) {
      throw new InvalidKeysignException(
          "INVALID_KEYSIGN_MESSAGE", "the message's FROST part is malformed: " + e.getMessage(), e);
    } catch (InvalidKeysignException e) {
      if (e.code().equals("INVALID_KEY_ID")) {
        throw invalid("its key id is not valid");
      }
      throw e;
    }
  }

  private static InvalidKeysignException invalid(String why) {
    return new InvalidKeysignException("INVALID_KEYSIGN_MESSAGE", why);
  }
}
