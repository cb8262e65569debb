package dev.cachet.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.ProtocolDocument;
import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import dev.cachet.node.NodeIdentity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/**
 * The epoch handoff's encodings (docs/protocol.md, "Epoch handoff") are exactly what the code
 * computes: each worked example is read from the document itself, after its marker, so the document
 * and the code cannot drift apart; the hash is also recomputed with BouncyCastle's BLAKE2b directly
 * and the signature with BouncyCastle's Ed25519, independently of the handoff classes.
 */
class HandoffDocumentTest {

  /** The protocol document, relative to this module's directory (where the tests run). */
  static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");

  static final String KEYSET_MARKER = "<!-- handoff-keyset-example -->";
  static final String ITEMS_MARKER = "<!-- handoff-items-example -->";
  static final String ATTESTATION_MARKER = "<!-- handoff-attestation-example -->";
  static final String CERTIFICATE_MARKER = "<!-- handoff-certificate-example -->";

  private static final HexFormat HEX = HexFormat.of();
  private static final String RFC8032_TEST1_SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String RFC8032_TEST1_PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  /** The next committee of the key set example, its members given in the document's order. */
  static Committee exampleNextCommittee() {
    List<Member> members = new ArrayList<>();
    for (int b : new int[] {0xab, 0x11, 0x22}) {
      members.add(Signers.member(Signers.key(b), b)); // unequal stakes: the hash ignores them
    }
    return Committee.of(8, members);
  }

  /** The items of the items example, given out of order. */
  static Items exampleItems() {
    Map<IdentityKey, Hash32> blobs = new LinkedHashMap<>();
    blobs.put(Signers.key(0x22), Hash32.blake2b(new byte[0]));
    blobs.put(
        Signers.key(0x11),
        Hash32.blake2b("cachet metadata example".getBytes(StandardCharsets.US_ASCII)));
    return Items.metadata(blobs);
  }

  static NodeIdentity rfc8032Test1() {
    byte[] plaintext = new byte[33];
    plaintext[0] = 1;
    System.arraycopy(HEX.parseHex(RFC8032_TEST1_SECRET), 0, plaintext, 1, 32);
    return NodeIdentity.decode(plaintext);
  }

  @Test
  void theKeySetHashIsOverTheSortedKeysAsDocumented() throws IOException {
    Map<String, List<String>> example = example(KEYSET_MARKER);
    List<String> given = new ArrayList<>();
    exampleNextCommittee().members().forEach(m -> given.add(m.identityKey().hex()));
    assertThat(example.get("given")).containsExactlyInAnyOrderElementsOf(given);
    assertThat(example.get("given").get(0)).as("given unsorted").isEqualTo("ab".repeat(32));

    byte[] preimage = HEX.parseHex(joined(example, "preimage"));
    assertThat(preimage).hasSize(4 + 3 * 32);
    assertThat(HEX.formatHex(preimage))
        .isEqualTo("00000003" + "11".repeat(32) + "22".repeat(32) + "ab".repeat(32));
    String hash = joined(example, "hash");
    assertThat(KeySet.hash(exampleNextCommittee()).hex()).isEqualTo(hash);
    assertThat(HEX.formatHex(bouncyCastleBlake2b256(preimage)))
        .as("BouncyCastle's BLAKE2b-256 of the documented preimage")
        .isEqualTo(hash);
  }

  @Test
  void theItemsEncodeAsDocumented() throws IOException {
    Map<String, List<String>> example = example(ITEMS_MARKER);
    String encoding = joined(example, "count") + joined(example, "item");
    assertThat(HEX.formatHex(exampleItems().encode())).isEqualTo(encoding);
    assertThat(encoding).hasSize(2 * 134);
    List<Item> items = exampleItems().list();
    assertThat(items).extracting(Item::kind).containsOnly(Item.Kind.METADATA);
    assertThat(items)
        .extracting(i -> i.key().hex())
        .containsExactly("11".repeat(32), "22".repeat(32));
    // The digests are the blob hashes section 1 and section 7 state.
    assertThat(items.get(0).digest().hex())
        .isEqualTo("4bc018cd3b1680943592c942e0c0807cf1e3593bdf009e9a93be14ce4a648e98");
    assertThat(items.get(1).digest().hex())
        .isEqualTo("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  }

  @Test
  void theAttestationsSignedBytesAndSignatureAreAsDocumented() throws IOException {
    Map<String, List<String>> example = example(ATTESTATION_MARKER);
    Map<String, List<String>> items = example(ITEMS_MARKER);
    Map<String, List<String>> keySet = example(KEYSET_MARKER);
    long epoch = Long.parseLong(joined(example, "epoch"));
    assertThat(epoch).isEqualTo(7);
    HandoffStatement statement =
        new HandoffStatement(epoch, KeySet.hash(exampleNextCommittee()), exampleItems());

    String signed = joined(example, "signed");
    assertThat(HEX.formatHex(statement.signedBytes())).isEqualTo(signed);
    assertThat(signed)
        .as("the signed bytes, assembled from the document's parts")
        .isEqualTo(
            HEX.formatHex("CACHET-HANDOFF-V1".getBytes(StandardCharsets.US_ASCII))
                + "0000000000000007"
                + joined(keySet, "hash")
                + joined(items, "count")
                + joined(items, "item"))
        .hasSize(2 * 191);

    NodeIdentity identity = rfc8032Test1();
    assertThat(identity.publicKeyHex())
        .isEqualTo(RFC8032_TEST1_PUBLIC)
        .isEqualTo(joined(example, "signer"));
    byte[] signature = HEX.parseHex(joined(example, "signature"));
    // Ed25519 is deterministic: the node's signature is the document's.
    assertThat(identity.sign(statement.signedBytes())).isEqualTo(signature);
    assertThat(Signers.attest(identity, statement).verifies(statement)).isTrue();

    byte[] bytes = HEX.parseHex(signed);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(HEX.parseHex(RFC8032_TEST1_SECRET), 0));
    signer.update(bytes, 0, bytes.length);
    assertThat(signer.generateSignature())
        .as("BouncyCastle signs the document's bytes alike")
        .isEqualTo(signature);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(HEX.parseHex(RFC8032_TEST1_PUBLIC), 0));
    verifier.update(bytes, 0, bytes.length);
    assertThat(verifier.verifySignature(signature))
        .as("BouncyCastle verifies the document")
        .isTrue();
  }

  @Test
  void theCertificateExampleHasTheDocumentedShapeAndIsValid() throws IOException {
    JsonObject json = certificateJson();
    assertThat(json.keySet())
        .containsExactlyInAnyOrder(
            "epoch", "nextCommitteeKeySetHash", "items", "signatures", "signedStake", "totalStake");
    NodeIdentity identity = rfc8032Test1();
    Committee committee = Signers.committee(7, Signers.stakes(identity, 10));
    Committee next = exampleNextCommittee();
    Map<String, List<String>> attestation = example(ATTESTATION_MARKER);

    List<Item> items = new ArrayList<>();
    for (JsonValue v : json.getJsonArray("items")) {
      JsonObject item = v.asJsonObject();
      assertThat(item.keySet()).containsExactlyInAnyOrder("kind", "key", "digest");
      items.add(
          new Item(
              Item.Kind.valueOf(item.getString("kind")),
              IdentityKey.parse(item.getString("key")),
              Hash32.parse(item.getString("digest"))));
    }
    List<Attestation> signatures = new ArrayList<>();
    for (JsonValue v : json.getJsonArray("signatures")) {
      JsonObject s = v.asJsonObject();
      assertThat(s.keySet()).isEqualTo(Set.of("signer", "signature"));
      signatures.add(
          new Attestation(
              IdentityKey.parse(s.getString("signer")), HEX.parseHex(s.getString("signature"))));
    }
    HandoffCertificate certificate =
        new HandoffCertificate(
            new HandoffStatement(
                json.getJsonNumber("epoch").longValueExact(),
                Hash32.parse(json.getString("nextCommitteeKeySetHash")),
                Items.ordered(items)),
            signatures,
            json.getJsonNumber("signedStake").longValueExact(),
            json.getJsonNumber("totalStake").longValueExact());

    assertThat(certificate.statement())
        .isEqualTo(new HandoffStatement(7, KeySet.hash(next), exampleItems()));
    assertThat(certificate.signatures())
        .containsExactly(
            new Attestation(identity.publicKey(), HEX.parseHex(joined(attestation, "signature"))));
    assertThat(certificate.signedStake()).isEqualTo(committee.totalStake()).isEqualTo(10);
    assertThat(certificate.totalStake()).isEqualTo(10);
    assertThat(CertificateCheck.verify(certificate, committee, next).valid()).isTrue();
    // Keys and digests were parsed as lowercase hex above; so is the signature.
    assertThat(json.getJsonArray("signatures").getJsonObject(0).getString("signature"))
        .matches("[0-9a-f]{128}");
  }

  @Test
  void theDocumentNamesTheCertificateEndpointsAndDefersReadySignals() throws IOException {
    String document = Files.readString(PROTOCOL, StandardCharsets.UTF_8);
    assertThat(document)
        .contains("`GET /api/v1/handoff/certificates/{epoch}`")
        .contains("`GET /api/v1/handoff/certificates/latest`")
        .contains("CERTIFICATE_NOT_FOUND")
        .contains("ready signals")
        .contains("\"CACHET-HANDOFF-V1\"");
  }

  private static byte[] bouncyCastleBlake2b256(byte[] input) {
    Blake2bDigest digest = new Blake2bDigest(256);
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  private static List<String> block(String marker, String fence) throws IOException {
    return ProtocolDocument.block(marker, fence);
  }

  static Map<String, List<String>> example(String marker) throws IOException {
    return ProtocolDocument.example(marker);
  }

  static String joined(Map<String, List<String>> example, String name) {
    return ProtocolDocument.joined(example, name);
  }

  static JsonObject certificateJson() throws IOException {
    String text = String.join("\n", block(CERTIFICATE_MARKER, "```json"));
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
