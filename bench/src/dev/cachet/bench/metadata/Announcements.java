package dev.cachet.bench.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The harness's side of docs/protocol.md §1, §6 and §7: BLAKE2b-256 blob hashes, the signed frame
 * of a metadata announcement, and its JSON on the wire, for the virtual members whose Ed25519 keys
 * the harness holds. {@link #selfCheck} compares the encoder with the worked example of the
 * protocol document before anything is sent to a node.
 */
final class Announcements {

  static final HexFormat HEX = HexFormat.of();
  private static final byte[] TAG =
      "cachet/metadata-announcement".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  /** RFC 8032 §7.1, test 1: the secret of the protocol document's worked example. */
  private static final String RFC8032_TEST1_SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

  private Announcements() {}

  /** A member whose identity key the harness holds. */
  record Signer(Ed25519PrivateKeyParameters secret, byte[] identityKey) {
    static Signer of(byte[] seed) {
      Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(seed, 0);
      return new Signer(secret, secret.generatePublicKey().getEncoded());
    }

    String identityHex() {
      return HEX.formatHex(identityKey);
    }

    byte[] sign(byte[] frame) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, secret);
      signer.update(frame, 0, frame.length);
      return signer.generateSignature();
    }
  }

  /** BLAKE2b-256 of {@code bytes}, unkeyed (protocol §1). */
  static byte[] blobHash(byte[] bytes) {
    Blake2bDigest digest = new Blake2bDigest(256);
    digest.update(bytes, 0, bytes.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /** u8 28 || tag || u8 1 || u64 epoch || announcer[32] || blobHash[32] || u64 size || u64 ts. */
  static byte[] frame(long epoch, byte[] announcer, byte[] blobHash, long size, long timestamp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(TAG.length);
    out.writeBytes(TAG);
    out.write(VERSION);
    out.writeBytes(ByteBuffer.allocate(8).putLong(epoch).array());
    out.writeBytes(announcer);
    out.writeBytes(blobHash);
    out.writeBytes(ByteBuffer.allocate(8).putLong(size).array());
    out.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
    return out.toByteArray();
  }

  /** The signed announcement's JSON for {@code POST /api/v1/peer/metadata/announcements}. */
  static String json(Signer signer, long epoch, byte[] blobHash, long size, long timestamp) {
    byte[] signature = signer.sign(frame(epoch, signer.identityKey(), blobHash, size, timestamp));
    return "{\"epoch\":"
        + epoch
        + ",\"identityKey\":\""
        + signer.identityHex()
        + "\",\"blobHash\":\""
        + HEX.formatHex(blobHash)
        + "\",\"size\":"
        + size
        + ",\"timestampMillis\":"
        + timestamp
        + ",\"signature\":\""
        + HEX.formatHex(signature)
        + "\"}";
  }

  /**
   * Checks the encoder against the worked example of {@code protocol} (the block after {@code
   * <!-- announcement-example -->}): the identity key of RFC 8032 test 1, the example blob's hash,
   * the frame and the signature, byte for byte.
   *
   * @throws IllegalStateException naming the first field that differs
   */
  static void selfCheck(Path protocol) throws Exception {
    List<String> lines = Files.readAllLines(protocol);
    int start = lines.indexOf("<!-- announcement-example -->");
    if (start < 0) {
      throw new IllegalStateException("no announcement example in " + protocol);
    }
    Map<String, String> example = new HashMap<>();
    for (int i = start + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      String[] parts = lines.get(i).trim().split("\\s+", 2);
      example.put(parts[0], parts[1]);
    }
    Signer signer = Signer.of(HEX.parseHex(RFC8032_TEST1_SECRET));
    byte[] blob = "cachet metadata example".getBytes(StandardCharsets.US_ASCII);
    long epoch = Long.parseLong(example.get("epoch"));
    long size = Long.parseLong(example.get("size"));
    long timestamp = Long.parseLong(example.get("timestamp"));
    byte[] hash = blobHash(blob);
    byte[] frame = frame(epoch, signer.identityKey(), hash, blob.length, timestamp);
    same("announcer", example.get("announcer"), signer.identityHex());
    same("blobHash", example.get("blobHash"), HEX.formatHex(hash));
    same("size", Long.toString(size), Integer.toString(blob.length));
    same("frame", example.get("frame"), HEX.formatHex(frame));
    same("signature", example.get("signature"), HEX.formatHex(signer.sign(frame)));
    same("empty blob hash", "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
        HEX.formatHex(blobHash(new byte[0])));
  }

  private static void same(String field, String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          "the announcement encoder disagrees with docs/protocol.md on " + field + ": expected "
              + expected + ", got " + actual);
    }
  }
}
