package dev.cachet.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.blob.BlobHash;
import dev.cachet.node.NodeIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/**
 * The metadata announcement of docs/protocol.md (section 7), checked against the code: the worked
 * example is read from the document itself (after the marker {@value #MARKER}), so the document
 * cannot drift from what the node signs. The key is RFC 8032 §7.1 test 1's.
 */
class AnnouncementDocumentTest {

  static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");
  static final String MARKER = "<!-- announcement-example -->";

  private static final HexFormat HEX = HexFormat.of();
  private static final String RFC8032_TEST1_SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

  @Test
  void theDocumentsExampleIsWhatTheNodeSignsAndBouncyCastleVerifies() throws Exception {
    Map<String, String> example = example();
    byte[] blob = "cachet metadata example".getBytes(StandardCharsets.US_ASCII);
    NodeIdentity identity = NodeIdentity.decode(plaintext(RFC8032_TEST1_SECRET));
    assertThat(identity.publicKeyHex()).isEqualTo(example.get("announcer"));
    assertThat(BlobHash.of(blob).hex()).isEqualTo(example.get("blobHash"));
    Announcement announcement =
        new Announcement(
            Long.parseLong(example.get("epoch")),
            identity.publicKey(),
            BlobHash.of(blob),
            Long.parseLong(example.get("size")),
            Long.parseLong(example.get("timestamp")));
    assertThat(HEX.formatHex(announcement.frame())).isEqualTo(example.get("frame"));
    byte[] signature = HEX.parseHex(example.get("signature"));
    // Ed25519 is deterministic: the node's signature is the document's.
    assertThat(identity.sign(announcement.frame())).isEqualTo(signature);
    assertThat(new SignedAnnouncement(announcement, signature).verifies()).isTrue();
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(HEX.parseHex(example.get("announcer")), 0));
    byte[] frame = HEX.parseHex(example.get("frame"));
    verifier.update(frame, 0, frame.length);
    assertThat(verifier.verifySignature(signature))
        .as("BouncyCastle verifies the document")
        .isTrue();
  }

  /** The {@code name value} lines of the code block after the marker. */
  static Map<String, String> example() throws Exception {
    List<String> lines = Files.readAllLines(PROTOCOL);
    int marker = lines.indexOf(MARKER);
    assertThat(marker).as("the marker %s in %s", MARKER, PROTOCOL).isNotNegative();
    assertThat(lines.get(marker + 1)).isEqualTo("```");
    Map<String, String> values = new HashMap<>();
    for (String line : lines.subList(marker + 2, lines.size())) {
      if (line.equals("```")) {
        break;
      }
      String[] parts = line.trim().split("\\s+");
      values.put(parts[0], parts[1]);
    }
    return values;
  }

  private static byte[] plaintext(String seedHex) {
    byte[] plaintext = new byte[33];
    plaintext[0] = 1;
    System.arraycopy(HEX.parseHex(seedHex), 0, plaintext, 1, 32);
    return plaintext;
  }
}
