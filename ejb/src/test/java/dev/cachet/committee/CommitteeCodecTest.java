package dev.cachet.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.node.IdentityKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committee's canonical bytes are exactly what docs/protocol.md ("Committee") says: its worked
 * example is read from the document itself (after the marker {@value #MARKER}), so the document and
 * the codec cannot drift apart.
 */
class CommitteeCodecTest {

  /** The protocol document, relative to this module's directory (where the tests run). */
  static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");

  static final String MARKER = "<!-- committee-example -->";

  /** The example's committee, as the document describes it in words. */
  static Committee example() {
    return Committee.of(
        7,
        List.of(
            new Member("bøb", key((byte) 0xab), 50, URI.create("https://node-b.example:443")),
            new Member("alice", key((byte) 0x11), 100, URI.create("http://127.0.0.1:9001"))));
  }

  private static IdentityKey key(byte b) {
    byte[] bytes = new byte[IdentityKey.LENGTH];
    Arrays.fill(bytes, b);
    return IdentityKey.of(bytes);
  }

  /** The hex of the code block after the marker, without comments ({@code #}) and spaces. */
  static String documentedHex() throws IOException {
    List<String> lines = Files.readAllLines(PROTOCOL, StandardCharsets.UTF_8);
    int marker = lines.indexOf(MARKER);
    assertThat(marker).as("the marker %s in %s", MARKER, PROTOCOL).isNotNegative();
    assertThat(lines.get(marker + 1)).as("a code block right after the marker").isEqualTo("```");
    StringBuilder hex = new StringBuilder();
    for (String line : lines.subList(marker + 2, lines.size())) {
      if (line.equals("```")) {
        return hex.toString();
      }
      int comment = line.indexOf('#');
      hex.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s", ""));
    }
    throw new AssertionError("the example's code block does not end");
  }

  @Test
  void encodesTheDocumentedExampleByteForByte() throws IOException {
    String documented = documentedHex();
    assertThat(HexFormat.of().formatHex(CommitteeCodec.encode(example()))).isEqualTo(documented);
    assertThat(documented).hasSize(2 * 157);
    assertThat(CommitteeCodec.decode(HexFormat.of().parseHex(documented))).isEqualTo(example());
  }

  @Test
  void theExamplesQuorumsAreThoseTheDocumentStates() {
    Committee example = example();
    assertThat(example.totalStake()).isEqualTo(150);
    assertThat(example.quorum().quorumStake()).isEqualTo(101);
    assertThat(example.quorum().validityStake()).isEqualTo(51);
  }

  @Test
  void refusesAnotherVersionAndTrailingBytes() throws IOException {
    byte[] bytes = HexFormat.of().parseHex(documentedHex());
    byte[] otherVersion = bytes.clone();
    otherVersion[0] = 2;
    assertThatThrownBy(() -> CommitteeCodec.decode(otherVersion))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> CommitteeCodec.decode(longer))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
