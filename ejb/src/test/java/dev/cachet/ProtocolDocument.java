package dev.cachet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worked examples of docs/protocol.md, read from the document itself (after their markers) by
 * the tests that check them against the code, so the document and the code cannot drift apart.
 */
public final class ProtocolDocument {

  /** The protocol document, relative to this module's directory (where the tests run). */
  public static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");

  private ProtocolDocument() {}

  /** The lines of the code block right after {@code marker}. */
  public static List<String> block(String marker, String fence) throws IOException {
    List<String> lines = Files.readAllLines(PROTOCOL, StandardCharsets.UTF_8);
    int at = lines.indexOf(marker);
    assertThat(at).as("the marker %s in %s", marker, PROTOCOL).isNotNegative();
    assertThat(lines.get(at + 1)).as("a code block right after %s", marker).isEqualTo(fence);
    int end = lines.subList(at + 2, lines.size()).indexOf("```");
    assertThat(end).as("the end of the code block after %s", marker).isNotNegative();
    return lines.subList(at + 2, at + 2 + end);
  }

  /**
   * The {@code name value} lines of the block after {@code marker}: {@code #} starts a comment, the
   * value is the rest of the line without spaces, and a name may have several lines.
   */
  public static Map<String, List<String>> example(String marker) throws IOException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String line : block(marker, "```")) {
      int comment = line.indexOf('#');
      String[] parts = (comment < 0 ? line : line.substring(0, comment)).trim().split("\\s+", 2);
      if (parts[0].isEmpty()) {
        continue;
      }
      assertThat(parts).as("a name and a value: %s", line).hasSize(2);
      values.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1].replaceAll("\\s", ""));
    }
    return values;
  }

  public static String joined(Map<String, List<String>> example, String name) {
    assertThat(example).as("the example names %s", name).containsKey(name);
    return String.join("", example.get(name));
  }
}
