package dev.cachet.keysign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.ProtocolDocument;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.MessageKind;
import dev.cachet.peer.SignedFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/**
 * The keysign round-one example of docs/protocol.md ("Batched keysign", worked example) is exactly
 * what the code encodes: read from the document after its marker; the body rebuilt from the values
 * the text states, the frame from section 6, and the signature checked and recomputed with
 * BouncyCastle's Ed25519 under RFC 8032's test 1 key, independently of the node's signer.
 */
class KeysignDocumentTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

  @Test
  void theRoundOneExampleIsWhatTheCodeEncodesAndSigns() throws Exception {
    Map<String, List<String>> example = ProtocolDocument.example("<!-- keysign-commit-example -->");
    byte[] body = HEX.parseHex(ProtocolDocument.joined(example, "body"));
    byte[] frame = HEX.parseHex(ProtocolDocument.joined(example, "frame"));
    byte[] signature = HEX.parseHex(ProtocolDocument.joined(example, "signature"));
    long epoch = Long.parseLong(ProtocolDocument.joined(example, "epoch"));

    Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(HEX.parseHex(SECRET), 0);
    IdentityKey coordinator = IdentityKey.of(secret.generatePublicKey().getEncoded());
    byte[] tag = new byte[16];
    for (int i = 0; i < tag.length; i++) {
      tag[i] = (byte) i;
    }
    KeysignWire.CommitRequest request =
        new KeysignWire.CommitRequest(
            new KeysignWire.Session("main", 1, 4, 1, coordinator, tag),
            List.of(
                new DigestBook.Item(40, TxDigest.of(sha256("tx 1/40"))),
                new DigestBook.Item(41, TxDigest.of(sha256("tx 1/41")))));

    assertThat(epoch).isEqualTo(7);
    assertThat(HEX.formatHex(KeysignWire.encode(request))).isEqualTo(HEX.formatHex(body));
    assertThat(body).hasSize(151);
    assertThat(KeysignWire.commitRequest(body)).isEqualTo(request);
    assertThat(HEX.formatHex(SignedFrame.encode(MessageKind.KEYSIGN_COMMIT, epoch, body)))
        .isEqualTo(HEX.formatHex(frame));
    assertThat(frame).hasSize(182);

    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(coordinator.bytes(), 0));
    verifier.update(frame, 0, frame.length);
    assertThat(verifier.verifySignature(signature)).isTrue();
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, secret);
    signer.update(frame, 0, frame.length);
    assertThat(signer.generateSignature()).as("Ed25519 is deterministic").isEqualTo(signature);
    // "of five participants, number 2 coordinates attempt 1 of this batch"
    assertThat(Rotation.coordinator(1, 4, 1, 5)).isEqualTo(2);
  }

  private static byte[] sha256(String text) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
  }
}
